import { Injectable, Logger } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { CERTIFICATE_EVENT } from '../../certificates/certificate-event.effect';
import { CertificateRecords } from '../../certificates/certificate-records.service';
import { CertificateEventType } from '../../certificates/domain/certificate-status';
import { Clock } from '../../core/clock/clock';
import { plannedPerCall } from '../../core/database/prepared-statements';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { CaseAction, caseTransition } from '../domain/case-lifecycle';
import { CaseStatus } from '../domain/case-status';

const BATCH = 200;
const ACTOR = 'system:verification-overdue';

/**
 * The scheduled job that marks cases still REQUESTED past their due date OVERDUE (DESIGN.md
 * section 5), on whichever hub keeps a copy: both sides see the same due date. Each batch is one
 * transaction; a case answered meanwhile is left as it is.
 */
@Injectable()
export class MarkOverdueCasesUseCase {
  private readonly logger = new Logger(MarkOverdueCasesUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly certificates: CertificateRecords,
    private readonly clock: Clock,
  ) {}

  /** `now` is the clock's unless given (an operator's catch-up, a test at a later date). */
  async execute(now: Date = this.clock.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const marked = await this.uow.run(async (tx) => {
        const manager = tx.manager;
        const candidates: { id: string; certificate_id: string }[] = await manager.query(
          `SELECT id, certificate_id FROM verification_cases WHERE status = 'REQUESTED' AND due_at <= $1 ORDER BY due_at, id LIMIT ${BATCH}`,
          [now],
        );
        const ids: string[] = [];
        for (const candidate of candidates) {
          // The certificate first, as every writer locks them, then the case, checked again under its lock.
          await this.certificates.lockForChange(manager, candidate.certificate_id);
          const [row]: { due_at: Date | null; status: CaseStatus }[] = await manager.query('SELECT due_at, status FROM verification_cases WHERE id = $1 FOR UPDATE', [candidate.id]);
          const result = caseTransition(row.status, CaseAction.MARK_OVERDUE, { now, dueAt: row.due_at, result: null });
          if (!result.ok) continue;
          ids.push(candidate.id);
          tx.add(CERTIFICATE_EVENT, {
            certificateId: candidate.certificate_id,
            type: CertificateEventType.VERIFICATION_OVERDUE,
            from: null,
            to: null,
            actor: ACTOR,
            at: now,
            data: { caseId: candidate.id, dueAt: (row.due_at as Date).toISOString() },
          });
        }
        if (ids.length === 0) return 0;
        await manager.query(plannedPerCall(`UPDATE verification_cases SET status = 'OVERDUE', overdue_at = $2, version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`), [ids, now]);
        tx.add(AUDIT_ENTRY, ...ids.map((id) => ({ actor: ACTOR, action: AuditAction.VERIFICATION_OVERDUE, entityType: 'verification_case', entityId: id })));
        return ids.length;
      });
      total += marked;
      if (marked < BATCH) break;
    }
    if (total > 0) this.logger.log(`Marked ${total} verification case(s) OVERDUE`);
    return total;
  }
}
