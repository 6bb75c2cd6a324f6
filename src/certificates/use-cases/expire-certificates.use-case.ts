import { Injectable, Logger } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { Clock } from '../../core/clock/clock';
import { plannedPerCall } from '../../core/database/prepared-statements';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import { CertificateStore } from '../certificate-store';
import { CertificateAction, transition } from '../domain/certificate-lifecycle';
import { CertificateEventType, CertificateStatus } from '../domain/certificate-status';

const BATCH = 200;
const ACTOR = 'system:expiry';

/**
 * The scheduled job that moves ISSUED certificates past their agreement's validity to EXPIRED.
 * Each batch is one transaction; rows another transaction holds are skipped and picked up next run.
 */
@Injectable()
export class ExpireCertificatesUseCase {
  private readonly logger = new Logger(ExpireCertificatesUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CertificateStore,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.uow.run(async (tx) => {
        const manager = tx.manager;
        const now = this.clock.now();
        const rows: { id: string; certificate_number: string; copy_number: number; expires_at: Date }[] = await manager.query(
          `SELECT id, certificate_number, copy_number, expires_at FROM certificates
            WHERE status = 'ISSUED' AND expires_at <= $1
            ORDER BY expires_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [now],
        );
        const ids: string[] = [];
        for (const row of rows) {
          const result = transition(CertificateStatus.ISSUED, CertificateAction.EXPIRE, { now, copyNumber: row.copy_number, expiresAt: new Date(row.expires_at) });
          if (!result.ok) continue;
          ids.push(row.id);
          tx.add(CERTIFICATE_EVENT, { certificateId: row.id, type: CertificateEventType.EXPIRED, from: CertificateStatus.ISSUED, to: result.to, actor: ACTOR, at: now });
        }
        if (ids.length === 0) return 0;
        await manager.query(plannedPerCall(`UPDATE certificates SET status = 'EXPIRED', version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`), [ids]);
        tx.add(AUDIT_ENTRY, ...ids.map((id) => ({ actor: ACTOR, action: AuditAction.CERTIFICATE_EXPIRED, entityType: 'certificate', entityId: id })));
        return ids.length;
      });
      total += expired;
      if (expired < BATCH) break;
    }
    if (total > 0) this.logger.log(`Expired ${total} certificate(s)`);
    return total;
  }
}
