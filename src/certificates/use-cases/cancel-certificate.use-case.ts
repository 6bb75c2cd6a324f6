import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import { CertificateStore } from '../certificate-store';
import { CREDENTIAL_STATUS_CHANGE } from '../credentials/credential-status.effect';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateAction } from '../domain/certificate-lifecycle';
import { CertificateEventType } from '../domain/certificate-status';

/** POST /v1/certificates/{id}/cancel: an issued certificate stops being valid, with a reason. */
@Injectable()
export class CancelCertificateUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CertificateStore,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  async execute(principal: AuthorityPrincipal, id: string, reason: string): Promise<CertificateView> {
    const actor = principalLabel(principal);
    const normalizedReason = reason.normalize('NFC');
    const saved = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const certificate = await this.store.lockOwn(manager, id, principal.authorityId);
      const now = this.clock.now();
      const from = certificate.status;
      certificate.status = this.store.nextStatus(certificate, CertificateAction.CANCEL, now);
      certificate.cancellationReason = normalizedReason;
      const updated = await this.store.save(manager, certificate);
      tx.add(CERTIFICATE_EVENT, { certificateId: id, type: CertificateEventType.CANCELLED, from, to: updated.status, actor, at: now, data: { reason: normalizedReason } });
      tx.add(CREDENTIAL_STATUS_CHANGE, { certificateId: id, status: updated.status });
      await this.outbox.send(tx, { type: MessageType.CO_CANCELLED, certificate: updated, cancellation: { reason: normalizedReason }, at: now });
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.CERTIFICATE_CANCELLED,
        entityType: 'certificate',
        entityId: id,
        details: { certificateNumber: updated.certificateNumber, reason: normalizedReason },
      });
      return updated;
    });
    return toCertificateView(saved);
  }
}
