import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { CertificateIssuance } from '../certificate-issuance';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import type { RenditionFormat } from '../../dataset/formats/rendition-format';
import { CertificateRenditionsService } from '../renditions/certificate-renditions.service';
import { CertificateStore } from '../certificate-store';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateAction } from '../domain/certificate-lifecycle';
import { CertificateEventType, CertificateStatus } from '../domain/certificate-status';

/**
 * POST /v1/certificates/{id}/duplicate: a certified true copy (e.g. of a lost original). Same number,
 * the next copy number, the original's content with documentFunction DUPLICATE; the original stays
 * ISSUED. The content was validated when the original was issued and is not judged again (the
 * retroactive-issuance rule would otherwise refuse every late copy).
 */
@Injectable()
export class DuplicateCertificateUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CertificateStore,
    private readonly issuance: CertificateIssuance,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly renditions: CertificateRenditionsService,
  ) {}

  async execute(principal: AuthorityPrincipal, id: string, reason: string | undefined): Promise<CertificateView> {
    const actor = principalLabel(principal);
    const saved = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const original = await this.store.lockOwn(manager, id, principal.authorityId);
      const now = this.clock.now();
      this.store.nextStatus(original, CertificateAction.DUPLICATE, now);
      const copyNumber = await this.store.nextCopyNumber(manager, principal.authorityId, original.certificateNumber);
      const { issuingAuthority: _a, issueDateTime: _t, copyNumber: _c, ...content } = original.document;
      const document = { ...content, documentFunction: 'DUPLICATE', replacesCertificateNumber: original.certificateNumber };
      const issued = this.issuance.freeze({ document, authorityCode: principal.code, copyNumber, now, validityDays: null });
      const duplicate = await this.store.insert(manager, {
        ...issued,
        // A copy is valid as long as the original is.
        expiresAt: original.expiresAt,
        issuingAuthorityId: principal.authorityId,
        issuingAuthorityCode: principal.code,
        certificateNumber: original.certificateNumber,
        copyNumber,
        documentFunction: 'DUPLICATE',
        status: CertificateStatus.ISSUED,
        importStatus: null,
        preferential: original.preferential,
        agreement: original.agreement,
        exportCountry: original.exportCountry,
        importCountry: original.importCountry,
        exporterId: original.exporterId,
        consigneeId: original.consigneeId,
        ucr: original.ucr,
        replacesId: original.id,
        warnings: [],
        datasetVersion: original.datasetVersion,
        profileVersion: original.profileVersion,
        hsVersion: original.hsVersion,
      });
      await this.issuance.seal(manager, duplicate);
      tx.add(CERTIFICATE_EVENT, {
        certificateId: original.id,
        type: CertificateEventType.DUPLICATED,
        from: CertificateStatus.ISSUED,
        to: CertificateStatus.ISSUED,
        actor,
        at: now,
        data: { duplicateId: duplicate.id, copyNumber, reason: reason ?? null },
      });
      tx.add(CERTIFICATE_EVENT, {
        certificateId: duplicate.id,
        type: CertificateEventType.ISSUED,
        from: null,
        to: CertificateStatus.ISSUED,
        actor,
        at: now,
        data: { duplicateOf: original.id, copyNumber, documentHash: duplicate.documentHash },
      });
      // Partners that read UBL or edi3 get a rendition beside the record, signed now while the key is active.
      const renditions = (format: RenditionFormat) =>
        this.renditions.within(tx.manager, duplicate, format, actor, (entry) => tx.add(AUDIT_ENTRY, entry)).then(CertificateRenditionsService.asPayload);
      await this.outbox.send(tx, { type: MessageType.CO_DUPLICATE, certificate: duplicate, related: original, at: now, renditions });
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.CERTIFICATE_DUPLICATED,
        entityType: 'certificate',
        entityId: duplicate.id,
        details: { certificateNumber: original.certificateNumber, copyNumber, originalId: original.id, reason: reason ?? null },
      });
      return duplicate;
    });
    return toCertificateView(saved);
  }
}
