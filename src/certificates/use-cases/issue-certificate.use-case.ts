import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { DatasetService } from '../../dataset/dataset.service';
import { CertificateIssuance } from '../certificate-issuance';
import { CertificateStore } from '../certificate-store';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateAction } from '../domain/certificate-lifecycle';
import { CertificateEventType, CertificateStatus } from '../domain/certificate-status';

/**
 * POST /v1/certificates/{id}/issue: the rules run again at the issue time the hub sets, the content
 * freezes with the dataset, profile and HS versions it passed, and the canonical form is sealed, all
 * in one transaction that holds the certificate's row lock (so two concurrent issues cannot both win).
 */
@Injectable()
export class IssueCertificateUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly issuance: CertificateIssuance,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  async execute(principal: AuthorityPrincipal, id: string): Promise<CertificateView> {
    const actor = principalLabel(principal);
    const { saved, outbox } = await this.dataSource.transaction(async (manager) => {
      const certificate = await this.store.lockOwn(manager, id, principal.authorityId);
      const now = this.clock.now();
      const to = this.store.nextStatus(certificate, CertificateAction.ISSUE, now);
      const validated = await this.dataset.validateDocument(certificate.document, { issuerCountry: principal.country, now, manager });
      const issued = this.issuance.freeze({
        document: validated.document,
        authorityCode: principal.code,
        copyNumber: certificate.copyNumber,
        now,
        validityDays: validated.validityDays,
      });
      Object.assign(certificate, issued, {
        status: to,
        warnings: validated.warnings,
        datasetVersion: validated.versions.dataset,
        profileVersion: validated.versions.profile,
        hsVersion: validated.versions.hs,
      });
      const updated = await this.store.save(manager, certificate);
      await this.issuance.seal(manager, updated);
      await this.store.appendEvent(manager, {
        certificateId: id,
        type: CertificateEventType.ISSUED,
        from: CertificateStatus.DRAFT,
        to,
        actor,
        at: now,
        data: { documentHash: updated.documentHash, versions: validated.versions },
      });
      const outbox = await this.outbox.record(manager, { type: MessageType.CO_ISSUED, certificate: updated, at: now });
      await this.audit.append(manager, {
        actor,
        action: AuditAction.CERTIFICATE_ISSUED,
        entityType: 'certificate',
        entityId: id,
        details: { certificateNumber: updated.certificateNumber, documentHash: updated.documentHash },
      });
      return { saved: updated, outbox };
    });
    // Jobs go to the queues once the deliveries are committed, never inside the transaction.
    await this.outbox.dispatch(outbox);
    return toCertificateView(saved);
  }
}
