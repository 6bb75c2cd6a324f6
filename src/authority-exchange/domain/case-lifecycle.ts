import { defineLifecycle, type TransitionRow } from '../../core/lifecycle/transition-table';
import { CaseDecision, CaseStatus, VerificationResult } from './case-status';

export enum CaseAction {
  RESPOND = 'RESPOND',
  CLOSE = 'CLOSE',
  MARK_OVERDUE = 'MARK_OVERDUE',
}

export interface CaseTransitionContext {
  now: Date;
  dueAt: Date | null;
  /** The issuing authority's answer so far, if any. */
  result: VerificationResult | null;
  /** For CLOSE: what the importing customs decide. */
  decision?: CaseDecision;
}

type CaseTransition = TransitionRow<CaseStatus, CaseAction, CaseTransitionContext>;

// A certificate is VERIFIED only on the issuer's confirmation; without one (no answer, not
// confirmed, not enough to decide) the importing customs may only deny it.
const verifiedNeedsConfirmation = (ctx: CaseTransitionContext): string | undefined =>
  ctx.decision === CaseDecision.VERIFIED && ctx.result !== VerificationResult.CONFIRMED
    ? `a case is closed VERIFIED only on a CONFIRMED answer; the answer is ${ctx.result ?? 'missing'}`
    : undefined;

const pastDue = (ctx: CaseTransitionContext): string | undefined =>
  ctx.dueAt !== null && ctx.dueAt.getTime() <= ctx.now.getTime() ? undefined : 'the response window is still open';

// REQUESTED -> RESPONDED -> CLOSED; OVERDUE once the window passes. A late answer is still recorded
// (OVERDUE -> RESPONDED), and an overdue case may be closed without one.
const TRANSITIONS: readonly CaseTransition[] = [
  { from: CaseStatus.REQUESTED, action: CaseAction.RESPOND, to: CaseStatus.RESPONDED },
  { from: CaseStatus.OVERDUE, action: CaseAction.RESPOND, to: CaseStatus.RESPONDED },
  { from: CaseStatus.RESPONDED, action: CaseAction.CLOSE, to: CaseStatus.CLOSED, guard: verifiedNeedsConfirmation },
  { from: CaseStatus.OVERDUE, action: CaseAction.CLOSE, to: CaseStatus.CLOSED, guard: verifiedNeedsConfirmation },
  { from: CaseStatus.REQUESTED, action: CaseAction.MARK_OVERDUE, to: CaseStatus.OVERDUE, guard: pastDue },
];

const LIFECYCLE = defineLifecycle({
  transitions: TRANSITIONS,
  refusal: (from, action) => {
    if (from === CaseStatus.CLOSED) return 'the case is CLOSED';
    if (from === CaseStatus.REQUESTED && action === CaseAction.CLOSE) return 'the case is REQUESTED: wait for the answer or for the response window to pass';
    return `cannot ${action.toLowerCase().replace('_', ' ')} a case that is ${from}`;
  },
});

export type CaseTransitionResult = { ok: true; to: CaseStatus } | { ok: false; reason: string };

export function caseTransition(from: CaseStatus, action: CaseAction, ctx: CaseTransitionContext): CaseTransitionResult {
  return LIFECYCLE.transition(from, action, ctx);
}
