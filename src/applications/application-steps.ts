import { Injectable } from '@nestjs/common';
import { AuditAction } from '../audit/audit-action';
import { AUDIT_ENTRY } from '../audit/audit-entry.effect';
import type { Tx } from '../core/unit-of-work/unit-of-work';
import { APPLICATION_EVENT } from './application-event.effect';
import { ApplicationError, ApplicationErrorCode } from './application.error';
import { ApplicationStore } from './application-store';
import { ApplicationContext, transitionApplication } from './domain/application-lifecycle';
import { ApplicationAction, ApplicationEventType, ApplicationStatus } from './domain/application-status';
import { ApplicationEntity } from './entities/application.entity';

export interface StepRecord {
  type: ApplicationEventType;
  audit: AuditAction;
  actor: string;
  officerId: string | null;
  at: Date;
  data?: Record<string, unknown>;
}

/**
 * The ceremony of every step, in the step's unit of work: the transition table decides the next
 * state, and the history entry and the audit entry are written with the change.
 */
@Injectable()
export class ApplicationSteps {
  constructor(private readonly store: ApplicationStore) {}

  /** The state the action leads to, or 409 (403 for four eyes) naming why not. */
  next(application: ApplicationEntity, action: ApplicationAction, ctx: ApplicationContext): ApplicationStatus {
    const result = transitionApplication(application.status, action, ctx);
    if (result.ok) return result.to;
    if (result.fourEyes) throw new ApplicationError(ApplicationErrorCode.FOUR_EYES_REQUIRED, result.reason, { lastChangedByOfficer: application.lastChangedByOfficer });
    throw new ApplicationError(ApplicationErrorCode.ILLEGAL_TRANSITION, `Application ${application.id}: ${result.reason}`, { currentStatus: application.status, claimedBy: application.claimedBy });
  }

  /** Saves the application and records the step (history and audit). */
  async record(tx: Tx, application: ApplicationEntity, from: ApplicationStatus | null, step: StepRecord): Promise<ApplicationEntity> {
    const saved = await this.store.save(tx.manager, application);
    tx.add(APPLICATION_EVENT, {
      applicationId: saved.id,
      type: step.type,
      from,
      to: saved.status,
      actor: step.actor,
      officerId: step.officerId,
      at: step.at,
      data: step.data,
    });
    tx.add(AUDIT_ENTRY, {
      actor: step.actor,
      action: step.audit,
      entityType: 'application',
      entityId: saved.id,
      details: { status: saved.status, ...(step.data ?? {}) },
    });
    return saved;
  }
}
