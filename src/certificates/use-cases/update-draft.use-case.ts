import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { RequestError } from '../../core/errors/request-error';
import { DatasetService } from '../../dataset/dataset.service';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import { CertificateStore } from '../certificate-store';
import { CheckedDrafts } from '../checked-drafts';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateAction } from '../domain/certificate-lifecycle';
import { certificateColumns } from '../certificate-columns';
import { CertificateEventType } from '../domain/certificate-status';
import { CertificateEntity } from '../entities/certificate.entity';

/** PUT /v1/certificates/{id}: replaces the content of a DRAFT. */
@Injectable()
export class UpdateDraftUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly clock: Clock,
    private readonly checked: CheckedDrafts,
  ) {}

  async execute(principal: AuthorityPrincipal, id: string, body: unknown): Promise<CertificateView> {
    const now = this.clock.now();
    const validated = await this.dataset.validateDocument(body, { issuerCountry: principal.country, now });
    if (validated.document.documentFunction !== 'ORIGINAL') {
      throw RequestError.validation([{ ruleId: 'CO-FN-001', severity: 'error', path: 'documentFunction', message: 'A draft is an ORIGINAL certificate' }]);
    }
    const actor = principalLabel(principal);
    const saved = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const certificate = await this.store.lockOwn(manager, id, principal.authorityId);
      const to = this.store.nextStatus(certificate, CertificateAction.UPDATE, now);
      Object.assign(certificate, certificateColumns(validated.document), { status: to, warnings: validated.warnings });
      const updated = await this.store.save(manager, certificate);
      tx.add(CERTIFICATE_EVENT, { certificateId: id, type: CertificateEventType.UPDATED, from: to, to, actor, at: now });
      tx.add(AUDIT_ENTRY, { actor, action: AuditAction.CERTIFICATE_UPDATED, entityType: 'certificate', entityId: id, details: { certificateNumber: updated.certificateNumber } });
      return updated;
    });
    // Committed at its new version, with the content checked here (CheckedDrafts).
    this.checked.stored(saved.id, this.store.rowVersionOf(saved));
    return toCertificateView(saved as CertificateEntity);
  }
}
