import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { CertificateIssuance } from '../certificate-issuance';
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
    private readonly dataSource: DataSource,
    private readonly store: CertificateStore,
    private readonly issuance: CertificateIssuance,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly renditions: CertificateRenditionsService,
  ) {}

  async execute(principal: AuthorityPrincipal, id: string, reason: string | undefined): Promise<CertificateView> {
    const actor = principalLabel(principal);
    const { saved, outbox } = await this.dataSource.transaction(async (manager) => {
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
      await this.store.appendEvent(manager, {
        certificateId: original.id,
        type: CertificateEventType.DUPLICATED,
        from: CertificateStatus.ISSUED,
        to: CertificateStatus.ISSUED,
        actor,
        at: now,
        data: { duplicateId: duplicate.id, copyNumber, reason: reason ?? null },
      });
      await this.store.appendEvent(manager, {
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
        this.renditions.within(manager, duplicate, format, actor, (entry) => this.audit.append(manager, entry)).then(CertificateRenditionsService.asPayload);
      const outbox = await this.outbox.record(manager, { type: MessageType.CO_DUPLICATE, certificate: duplicate, related: original, at: now, renditions });
      await this.audit.append(manager, {
        actor,
        action: AuditAction.CERTIFICATE_DUPLICATED,
        entityType: 'certificate',
        entityId: duplicate.id,
        details: { certificateNumber: original.certificateNumber, copyNumber, originalId: original.id, reason: reason ?? null },
      });
      return { saved: duplicate, outbox };
    });
    // Jobs go to the queues once the deliveries are committed, never inside the transaction.
    await this.outbox.dispatch(outbox);
    return toCertificateView(saved);
  }
}
