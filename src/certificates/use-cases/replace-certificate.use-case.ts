import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { RequestError } from '../../core/errors/request-error';
import type { Violation } from '../../core/errors/violation';
import { DatasetService } from '../../dataset/dataset.service';
import { CertificateIssuance } from '../certificate-issuance';
import type { RenditionFormat } from '../../dataset/formats/rendition-format';
import { CertificateRenditionsService } from '../renditions/certificate-renditions.service';
import { CertificateStore } from '../certificate-store';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateAction } from '../domain/certificate-lifecycle';
import { certificateColumns } from '../domain/certificate-columns';
import { CertificateEventType, CertificateStatus } from '../domain/certificate-status';

/**
 * POST /v1/certificates/{id}/replacement: issued content never changes, so a correction is a new
 * certificate (documentFunction REPLACEMENT, its own number) that points at the original, which
 * becomes REPLACED in the same transaction.
 */
@Injectable()
export class ReplaceCertificateUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly issuance: CertificateIssuance,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly renditions: CertificateRenditionsService,
  ) {}

  async execute(principal: AuthorityPrincipal, id: string, body: unknown): Promise<CertificateView> {
    const actor = principalLabel(principal);
    const { saved, outbox } = await this.dataSource.transaction(async (manager) => {
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
      await this.store.appendEvent(manager, {
        certificateId: original.id,
        type: CertificateEventType.REPLACED,
        from: CertificateStatus.ISSUED,
        to: originalTo,
        actor,
        at: now,
        data: { replacementId: replacement.id, replacementNumber: replacement.certificateNumber },
      });
      await this.store.appendEvent(manager, {
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
        this.renditions.within(manager, replacement, format, actor, (entry) => this.audit.append(manager, entry)).then(CertificateRenditionsService.asPayload);
      const outbox = await this.outbox.record(manager, { type: MessageType.CO_REPLACED, certificate: replacement, related: original, at: now, renditions });
      await this.audit.append(manager, {
        actor,
        action: AuditAction.CERTIFICATE_REPLACED,
        entityType: 'certificate',
        entityId: original.id,
        details: { certificateNumber: original.certificateNumber, replacementId: replacement.id, replacementNumber: replacement.certificateNumber, documentHash: replacement.documentHash },
      });
      return { saved: replacement, outbox };
    });
    // Jobs go to the queues once the deliveries are committed, never inside the transaction.
    await this.outbox.dispatch(outbox);
    return toCertificateView(saved);
  }
}
