import { defineLifecycle, type TransitionRow } from '../../core/lifecycle/transition-table';
import { fourEyesRefusal } from './four-eyes';
import { ApplicationAction, ApplicationStatus } from './application-status';

/** What the guards judge: who acts, and what the application records. */
export interface ApplicationContext {
  /** The acting officer (officers' actions only). */
  officerId?: string;
  /** The officer holding the claim. */
  claimedBy: string | null;
  /** The officer who last changed the data (null when only the exporter did). */
  lastChangedByOfficer: string | null;
  fourEyes: boolean;
  /** REJECT: the coded reasons given. */
  reasonCount?: number;
}

type Row = TransitionRow<ApplicationStatus, ApplicationAction, ApplicationContext>;

const holdsClaim = (ctx: ApplicationContext): string | undefined =>
  ctx.officerId !== undefined && ctx.officerId === ctx.claimedBy ? undefined : `the application is claimed by ${ctx.claimedBy ?? 'nobody'}: claim it first`;

// DRAFT -> SUBMITTED -> UNDER_REVIEW -> (CHANGES_REQUESTED -> SUBMITTED)* -> APPROVED | REJECTED;
// the exporter may WITHDRAW until a decision. APPROVED, REJECTED and WITHDRAWN are final.
const TRANSITIONS: readonly Row[] = [
  { from: ApplicationStatus.DRAFT, action: ApplicationAction.EDIT, to: ApplicationStatus.DRAFT },
  { from: ApplicationStatus.DRAFT, action: ApplicationAction.SUBMIT, to: ApplicationStatus.SUBMITTED },
  { from: ApplicationStatus.DRAFT, action: ApplicationAction.WITHDRAW, to: ApplicationStatus.WITHDRAWN },
  { from: ApplicationStatus.SUBMITTED, action: ApplicationAction.CLAIM, to: ApplicationStatus.UNDER_REVIEW },
  { from: ApplicationStatus.SUBMITTED, action: ApplicationAction.WITHDRAW, to: ApplicationStatus.WITHDRAWN },
  // Another officer may take the review over (to approve after a colleague's correction, for one).
  { from: ApplicationStatus.UNDER_REVIEW, action: ApplicationAction.CLAIM, to: ApplicationStatus.UNDER_REVIEW },
  { from: ApplicationStatus.UNDER_REVIEW, action: ApplicationAction.AMEND, to: ApplicationStatus.UNDER_REVIEW, guard: holdsClaim },
  { from: ApplicationStatus.UNDER_REVIEW, action: ApplicationAction.COMMENT, to: ApplicationStatus.UNDER_REVIEW, guard: holdsClaim },
  { from: ApplicationStatus.UNDER_REVIEW, action: ApplicationAction.REQUEST_CHANGES, to: ApplicationStatus.CHANGES_REQUESTED, guard: holdsClaim },
  {
    from: ApplicationStatus.UNDER_REVIEW,
    action: ApplicationAction.APPROVE,
    to: ApplicationStatus.APPROVED,
    guard: (ctx) => holdsClaim(ctx) ?? fourEyesRefusal({ enabled: ctx.fourEyes, approvingOfficer: ctx.officerId as string, lastChangedByOfficer: ctx.lastChangedByOfficer }),
  },
  {
    from: ApplicationStatus.UNDER_REVIEW,
    action: ApplicationAction.REJECT,
    to: ApplicationStatus.REJECTED,
    guard: (ctx) => holdsClaim(ctx) ?? ((ctx.reasonCount ?? 0) > 0 ? undefined : 'a rejection carries at least one coded reason'),
  },
  { from: ApplicationStatus.UNDER_REVIEW, action: ApplicationAction.WITHDRAW, to: ApplicationStatus.WITHDRAWN },
  { from: ApplicationStatus.CHANGES_REQUESTED, action: ApplicationAction.EDIT, to: ApplicationStatus.CHANGES_REQUESTED },
  { from: ApplicationStatus.CHANGES_REQUESTED, action: ApplicationAction.SUBMIT, to: ApplicationStatus.SUBMITTED },
  { from: ApplicationStatus.CHANGES_REQUESTED, action: ApplicationAction.WITHDRAW, to: ApplicationStatus.WITHDRAWN },
];

const LIFECYCLE = defineLifecycle({
  transitions: TRANSITIONS,
  refusal: (from, action) => `cannot ${action.toLowerCase().replace('_', ' ')} an application that is ${from}`,
});

export type ApplicationTransition = { ok: true; to: ApplicationStatus } | { ok: false; reason: string; fourEyes?: boolean };

export function transitionApplication(from: ApplicationStatus, action: ApplicationAction, ctx: ApplicationContext): ApplicationTransition {
  const result = LIFECYCLE.transition(from, action, ctx);
  if (result.ok || from !== ApplicationStatus.UNDER_REVIEW || action !== ApplicationAction.APPROVE || holdsClaim(ctx) !== undefined) return result;
  // Tell a four-eyes refusal apart: it is the officer's to hand over, not a state error.
  return { ...result, fourEyes: fourEyesRefusal({ enabled: ctx.fourEyes, approvingOfficer: ctx.officerId as string, lastChangedByOfficer: ctx.lastChangedByOfficer }) !== undefined };
}

export function applicationActions(from: ApplicationStatus): ApplicationAction[] {
  return LIFECYCLE.allowedActions(from);
}

/** No decision can be taken any more. */
export function isFinal(status: ApplicationStatus): boolean {
  return LIFECYCLE.isSettled(status);
}

/** The exporter may change the data (and its documents) only before review. */
export function exporterMayEdit(status: ApplicationStatus): boolean {
  return LIFECYCLE.allowedActions(status).includes(ApplicationAction.EDIT);
}
