import { Injectable } from '@nestjs/common';
import { randomUUID, createPublicKey, KeyObject } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../core/clock/clock';
import { ParsedCertificate } from '../crypto/x509';
import { joinDer } from '../domain/der-bundle';
import { KeyOwner, ownerLabel } from '../domain/key-owner';
import { keyTransition, SigningKeyAction, SigningKeySource, SigningKeyStatus } from '../domain/key-status';
import { checkSigningCertificate, spkiDer } from '../domain/signing-certificate-check';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { PkiError, PkiErrorCode } from '../pki.error';
import { KeyVault } from '../signing/key-vault';
import { SignerCache } from '../signing/signer-cache';
import { ownerColumns, PkiStore } from '../pki.store';

export interface CertificateToActivate {
  certificate: ParsedCertificate;
  chain: ParsedCertificate[];
}

export interface Activated {
  key: SigningKeyEntity;
  warnings: string[];
}

/**
 * Puts a key into service with its certificate: the certificate must pass the hub's signing profile
 * (signing-certificate-check.ts), the owner's previous ACTIVE key is retired (rotation), all in the
 * caller's transaction under the owner's lock.
 */
@Injectable()
export class KeyActivation {
  constructor(
    private readonly store: PkiStore,
    private readonly vault: KeyVault,
    private readonly cache: SignerCache,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A new key (imported or development): sealed with the master key and activated at once. */
  async activateNew(
    manager: EntityManager,
    input: { owner: KeyOwner; privateKey: KeyObject; source: SigningKeySource; label?: string | null; actor: string } & CertificateToActivate,
  ): Promise<Activated> {
    const { privateKey } = input;
    if (privateKey.asymmetricKeyType !== 'rsa' || (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
      throw new PkiError(PkiErrorCode.KEY_UNSUPPORTED, 'Signing keys are RSA keys of at least 2048 bits');
    }
    const id = randomUUID();
    const key = manager.create(SigningKeyEntity, {
      id,
      ...ownerColumns(input.owner),
      status: SigningKeyStatus.PENDING_CERTIFICATE,
      source: input.source,
      label: input.label ?? null,
      keyAlgorithm: 'RSA',
      keyBits: privateKey.asymmetricKeyDetails?.modulusLength as number,
      publicKeySpki: spkiDer(createPublicKey(privateKey)),
      ...this.vault.seal(privateKey, id),
      csrPem: null,
    });
    return this.activate(manager, key, input, input.actor);
  }

  /** A key that waits for its certificate (generated with a CSR), already locked by the caller. */
  async activate(manager: EntityManager, key: SigningKeyEntity, input: { owner: KeyOwner } & CertificateToActivate, actor: string): Promise<Activated> {
    const { owner, certificate } = input;
    const next = keyTransition(key.status, SigningKeyAction.ACTIVATE);
    if (!next.ok) throw new PkiError(PkiErrorCode.ILLEGAL_KEY_TRANSITION, `Signing key ${key.id}: ${next.reason}`, { currentStatus: key.status });
    await this.store.lockOwner(manager, owner);
    const now = this.clock.now();
    const check = checkSigningCertificate({
      certificate,
      chain: input.chain,
      publicKey: createPublicKey({ key: key.publicKeySpki, format: 'der', type: 'spki' }),
      anchors: await this.store.anchorsOf(manager, owner),
      crls: await this.store.currentCrls(manager),
      now,
      ownerLabel: ownerLabel(owner),
    });
    if (check.problems.length > 0) {
      const [first] = check.problems;
      throw new PkiError(first.code, first.message, { problems: check.problems });
    }
    const previous = await this.store.activeKey(manager, owner, true);
    if (previous && previous.id !== key.id) {
      previous.status = SigningKeyStatus.RETIRED;
      previous.retiredAt = now;
      await this.store.saveKey(manager, previous);
      this.cache.forget(previous.id);
    }
    Object.assign(key, {
      status: next.to,
      certificateDer: certificate.der,
      chainDer: check.pathDer.length > 0 ? joinDer(check.pathDer) : null,
      fingerprintSha256: certificate.fingerprintSha256,
      subject: certificate.subject.text,
      issuer: certificate.issuer.text,
      serialNumber: certificate.serialNumberHex,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      activatedAt: now,
      csrPem: null,
    });
    const saved = await this.store.saveKey(manager, key);
    const audits = [
      {
        actor,
        action: AuditAction.SIGNING_KEY_ACTIVATED,
        entityType: 'signing_key',
        entityId: saved.id,
        details: { owner: ownerLabel(owner), source: saved.source, fingerprintSha256: saved.fingerprintSha256, subject: saved.subject, retiredKeyId: previous?.id ?? null },
      },
    ];
    await this.audit.append(manager, audits);
    return { key: saved, warnings: check.warnings };
  }
}
