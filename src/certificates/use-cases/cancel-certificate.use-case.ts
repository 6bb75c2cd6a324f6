import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { CertificateStore } from '../certificate-store';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateAction } from '../domain/certificate-lifecycle';
import { CertificateEventType } from '../domain/certificate-status';

/** POST /v1/certificates/{id}/cancel: an issued certificate stops being valid, with a reason. */
@Injectable()
export class CancelCertificateUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CertificateStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  async execute(principal: AuthorityPrincipal, id: string, reason: string): Promise<CertificateView> {
    const actor = principalLabel(principal);
    const normalizedReason = reason.normalize('NFC');
    const { saved, outbox } = await this.dataSource.transaction(async (manager) => {
      const certificate = await this.store.lockOwn(manager, id, principal.authorityId);
      const now = this.clock.now();
      const from = certificate.status;
      certificate.status = this.store.nextStatus(certificate, CertificateAction.CANCEL, now);
      certificate.cancellationReason = normalizedReason;
      const updated = await this.store.save(manager, certificate);
      await this.store.appendEvent(manager, { certificateId: id, type: CertificateEventType.CANCELLED, from, to: updated.status, actor, at: now, data: { reason: normalizedReason } });
      const outbox = await this.outbox.record(manager, { type: MessageType.CO_CANCELLED, certificate: updated, cancellation: { reason: normalizedReason }, at: now });
      await this.audit.append(manager, {
        actor,
        action: AuditAction.CERTIFICATE_CANCELLED,
        entityType: 'certificate',
        entityId: id,
        details: { certificateNumber: updated.certificateNumber, reason: normalizedReason },
      });
      return { saved: updated, outbox };
    });
    // Jobs go to the queues once the deliveries are committed, never inside the transaction.
    await this.outbox.dispatch(outbox);
    return toCertificateView(saved);
  }
}
