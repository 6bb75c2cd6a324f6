import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { DatasetService } from '../../dataset/dataset.service';
import { CertificateIssuance } from '../certificate-issuance';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
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
    private readonly uow: UnitOfWork,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly issuance: CertificateIssuance,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  async execute(principal: AuthorityPrincipal, id: string): Promise<CertificateView> {
    const actor = principalLabel(principal);
    // The row is written once, with its signature, its event, its deliveries and its audit entry in one
    // statement (issue 14); the deliveries' jobs go to the queues after the commit.
    return toCertificateView(
      await this.uow.run(async (tx) => {
      const manager = tx.manager;
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
      await this.issuance.signInPlace(manager, certificate);
      tx.add(CERTIFICATE_EVENT, {
        certificateId: id,
        type: CertificateEventType.ISSUED,
        from: CertificateStatus.DRAFT,
        to,
        actor,
        at: now,
        data: { documentHash: certificate.documentHash, versions: validated.versions },
      });
      await this.outbox.send(tx, { type: MessageType.CO_ISSUED, certificate, at: now });
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.CERTIFICATE_ISSUED,
        entityType: 'certificate',
        entityId: id,
        details: { certificateNumber: certificate.certificateNumber, documentHash: certificate.documentHash },
      });
      return this.store.saveWith(tx, certificate);
    }),
    );
  }
}
