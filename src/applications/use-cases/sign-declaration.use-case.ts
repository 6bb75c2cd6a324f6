import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { RequestError } from '../../core/errors/request-error';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { canonicalDeclaration, declarationHash } from '../../dataset/exporter-declaration';
import { pemBlocks } from '../../pki/crypto/x509';
import { KeyOwnerType } from '../../pki/domain/key-owner';
import { HubKeyRecord, SignatureVerificationService } from '../../pki/services/signature-verification.service';
import { asExporter, scopeOf } from '../application-callers';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { toApplicationView } from '../application.mappers';
import { ApplicationSteps } from '../application-steps';
import { ApplicationStore } from '../application-store';
import { isFinal } from '../domain/application-lifecycle';
import { ApplicationEventType } from '../domain/application-status';
import type { ApplicationView } from '../dto/application.view';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The exporter's own signature of its declaration: a detached CMS over the canonical declaration
 * (GET /v1/applications/{id}/declaration), by a key whose certificate chains to a trust anchor of the
 * authority applied to, and not a key the hub holds for an authority. The hub keeps it with the hash
 * of what it covers, so a later change to the declaration shows it void.
 */
@Injectable()
export class SignDeclarationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly store: ApplicationStore,
    private readonly steps: ApplicationSteps,
    private readonly signatures: SignatureVerificationService,
    private readonly clock: Clock,
  ) {}

  /** The bytes the exporter signs. */
  async declaration(principal: Principal, id: string): Promise<Buffer> {
    const application = await this.store.find(this.dataSource.manager, id, scopeOf(principal));
    return canonicalDeclaration(application.document);
  }

  async sign(principal: Principal, id: string, signature: string): Promise<ApplicationView> {
    const exporter = asExporter(principal);
    const cmsDer = decodeCms(signature);
    const now = this.clock.now();
    const saved = await this.uow.run(async (tx) => {
      const application = await this.store.lock(tx.manager, id, { exporterTraderId: exporter.traderId });
      if (isFinal(application.status)) {
        throw new ApplicationError(ApplicationErrorCode.ILLEGAL_TRANSITION, `The declaration of an application that is ${application.status} is closed`, { currentStatus: application.status });
      }
      const owner = { type: KeyOwnerType.AUTHORITY, authorityId: application.authorityId, code: application.authorityCode } as const;
      const checked = await this.signatures.verifyWithContext({ owner, content: canonicalDeclaration(application.document), cmsDer, issueTime: now }, tx.manager);
      if (!checked.result.valid || checked.hubKey !== HubKeyRecord.NOT_HELD) {
        const reasons = checked.hubKey !== HubKeyRecord.NOT_HELD ? ['SIGNER_IS_AN_AUTHORITY_KEY', ...checked.result.reasons] : checked.result.reasons;
        throw new ApplicationError(
          ApplicationErrorCode.DECLARATION_SIGNATURE_INVALID,
          `The signature does not verify as the exporter's over this declaration, to a trust anchor of ${application.authorityCode}: ${reasons.join(', ')}`,
          { reasons },
        );
      }
      application.declarationSignature = cmsDer;
      application.declarationSignedHash = declarationHash(application.document);
      application.declarationSignedAt = now;
      return this.steps.record(tx, application, application.status, {
        type: ApplicationEventType.DECLARATION_SIGNED,
        audit: AuditAction.APPLICATION_DECLARATION_SIGNED,
        actor: `trader:${exporter.partyId}`,
        officerId: null,
        at: now,
        data: { declarationHash: application.declarationSignedHash, signer: checked.result.signer?.subject ?? null, signerFingerprint: checked.result.signer?.fingerprintSha256 ?? null },
      });
    });
    return toApplicationView(saved, { now });
  }
}

function decodeCms(signature: string): Buffer {
  const text = signature.trim();
  if (text.startsWith('-----BEGIN ')) {
    try {
      const block = pemBlocks(text).find((candidate) => candidate.label === 'CMS' || candidate.label === 'PKCS7');
      if (block) return block.der;
    } catch {
      // Reported below as one problem.
    }
  } else {
    const compact = text.replace(/\s+/g, '');
    if (compact.length > 0 && compact.length % 4 === 0 && BASE64.test(compact)) return Buffer.from(compact, 'base64');
  }
  throw RequestError.validation([{ ruleId: 'APP-SIG-001', severity: 'error', path: 'signature', message: 'signature must be base64 DER or a CMS/PKCS7 PEM block' }]);
}
