import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { RequestError } from '../../core/errors/request-error';
import type { Violation } from '../../core/errors/violation';
import { DatasetService } from '../../dataset/dataset.service';
import { CertificateIssuance } from '../certificate-issuance';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import type { RenditionFormat } from '../../dataset/formats/rendition-format';
import { CertificateRenditionsService } from '../renditions/certificate-renditions.service';
import { CertificateStore } from '../certificate-store';
import { CREDENTIAL_STATUS_CHANGE } from '../credentials/credential-status.effect';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateAction } from '../domain/certificate-lifecycle';
import { certificateColumns } from '../certificate-columns';
import { CertificateEventType, CertificateStatus } from '../domain/certificate-status';

/**
 * POST /v1/certificates/{id}/replacement: issued content never changes, so a correction is a new
 * certificate (documentFunction REPLACEMENT, its own number) that points at the original, which
 * becomes REPLACED in the same transaction.
 */
@Injectable()
export class ReplaceCertificateUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly issuance: CertificateIssuance,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly renditions: CertificateRenditionsService,
  ) {}

  async execute(principal: AuthorityPrincipal, id: string, body: unknown): Promise<CertificateView> {
    const actor = principalLabel(principal);
    const saved = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const original = await this.store.lockOwn(manager, id, principal.authorityId);
      const now = this.clock.now();
      const originalTo = this.store.nextStatus(original, CertificateAction.REPLACE, now);
      const validated = await this.dataset.validateDocument(body, { issuerCountry: principal.country, now, manager });
      const document = validated.document;
      const problems: Violation[] = [];
      if (document.documentFunction !== 'REPLACEMENT') {
        problems.push({ ruleId: 'CO-FN-002', severity: 'error', path: 'documentFunction', message: 'A replacement has documentFunction REPLACEMENT' });
      }
      if (document.replacesCertificateNumber !== original.certificateNumber) {
        problems.push({ ruleId: 'CO-FN-003', severity: 'error', path: 'replacesCertificateNumber', message: `A replacement of this certificate names ${original.certificateNumber}` });
      }
      if (document.certificateNumber === original.certificateNumber) {
        problems.push({ ruleId: 'CO-FN-004', severity: 'error', path: 'certificateNumber', message: 'A replacement has a number of its own' });
      }
      if (problems.length > 0) throw RequestError.validation([...problems, ...validated.warnings]);

      const issued = this.issuance.freeze({ document, authorityCode: principal.code, copyNumber: 0, now, validityDays: validated.validityDays });
      const replacement = await this.store.insert(manager, {
        ...certificateColumns(document),
        ...issued,
        issuingAuthorityId: principal.authorityId,
        issuingAuthorityCode: principal.code,
        copyNumber: 0,
        status: CertificateStatus.ISSUED,
        importStatus: null,
        replacesId: original.id,
        warnings: validated.warnings,
        datasetVersion: validated.versions.dataset,
        profileVersion: validated.versions.profile,
        hsVersion: validated.versions.hs,
      });
      await this.issuance.seal(manager, replacement);
      original.status = originalTo;
      original.replacedById = replacement.id;
      await this.store.save(manager, original);
      tx.add(CERTIFICATE_EVENT, {
        certificateId: original.id,
        type: CertificateEventType.REPLACED,
        from: CertificateStatus.ISSUED,
        to: originalTo,
        actor,
        at: now,
        data: { replacementId: replacement.id, replacementNumber: replacement.certificateNumber },
      });
      tx.add(CREDENTIAL_STATUS_CHANGE, { certificateId: original.id, status: originalTo });
      tx.add(CERTIFICATE_EVENT, {
        certificateId: replacement.id,
        type: CertificateEventType.ISSUED,
        from: null,
        to: CertificateStatus.ISSUED,
        actor,
        at: now,
        data: { replaces: original.certificateNumber, documentHash: replacement.documentHash, versions: validated.versions },
      });
      // Partners that read UBL or edi3 get a rendition beside the record, signed now while the key is active.
      const renditions = (format: RenditionFormat) =>
        this.renditions.within(tx.manager, replacement, format, actor, (entry) => tx.add(AUDIT_ENTRY, entry)).then(CertificateRenditionsService.asPayload);
      await this.outbox.send(tx, { type: MessageType.CO_REPLACED, certificate: replacement, related: original, at: now, renditions });
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.CERTIFICATE_REPLACED,
        entityType: 'certificate',
        entityId: original.id,
        details: { certificateNumber: original.certificateNumber, replacementId: replacement.id, replacementNumber: replacement.certificateNumber, documentHash: replacement.documentHash },
      });
      return replacement;
    });
    return toCertificateView(saved);
  }
}
