import { defineLifecycle, type TransitionRow } from '../../core/lifecycle/transition-table';
import { AcknowledgementStatus, DeliveryStatus } from './delivery-status';

export enum DeliveryAction {
  /** The recipient answered 200 with an acknowledgement. */
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  /** The recipient refused for good (a 4xx other than 408 and 429). */
  REFUSE = 'REFUSE',
  /** A retryable failure within the budget: the delivery stays PENDING. */
  RETRY = 'RETRY',
  /** A retryable failure, or no attempt left, once the budget is spent. */
  GIVE_UP = 'GIVE_UP',
  /** The operator sends it again (FAILED) or routes it again (UNROUTABLE). */
  REDELIVER = 'REDELIVER',
  /** Its partner was deactivated or no longer serves the destination: nobody takes it now. */
  UNROUTE = 'UNROUTE',
}

export interface DeliveryContext {
  /** Attempts made in the current generation, the one just made included. */
  attempts: number;
  maxAttempts: number;
  acknowledgement?: AcknowledgementStatus;
  /** For an UNROUTABLE delivery: whether a recipient serves its destination now. */
  routeFound?: boolean;
}

type Transition = TransitionRow<DeliveryStatus, DeliveryAction, DeliveryContext>;

const ACKNOWLEDGED: Record<AcknowledgementStatus, DeliveryStatus> = {
  [AcknowledgementStatus.DELIVERED]: DeliveryStatus.DELIVERED,
  [AcknowledgementStatus.DELIVERED_WITH_WARNINGS]: DeliveryStatus.DELIVERED_WITH_WARNINGS,
  [AcknowledgementStatus.DELIVERED_NOT_READABLE]: DeliveryStatus.DELIVERED_NOT_READABLE,
};

const withinBudget = (ctx: DeliveryContext): string | undefined =>
  ctx.attempts < ctx.maxAttempts ? undefined : `the retry budget of ${ctx.maxAttempts} attempts is spent`;

// Settled states (DELIVERED*) have no way out: a receiver deduplicates on envelopeId, and a delivery
// that was acknowledged is never sent again.
const TRANSITIONS: readonly Transition[] = [
  {
    from: DeliveryStatus.PENDING,
    action: DeliveryAction.ACKNOWLEDGE,
    to: (ctx) => (ctx.acknowledgement ? ACKNOWLEDGED[ctx.acknowledgement] : undefined),
    guard: (ctx) => (ctx.acknowledgement && ACKNOWLEDGED[ctx.acknowledgement] ? undefined : 'an acknowledgement needs one of the acknowledgement statuses'),
  },
  { from: DeliveryStatus.PENDING, action: DeliveryAction.REFUSE, to: DeliveryStatus.FAILED },
  { from: DeliveryStatus.PENDING, action: DeliveryAction.RETRY, to: DeliveryStatus.PENDING, guard: withinBudget },
  {
    from: DeliveryStatus.PENDING,
    action: DeliveryAction.GIVE_UP,
    to: DeliveryStatus.FAILED,
    guard: (ctx) => (withinBudget(ctx) ? undefined : `${ctx.maxAttempts - ctx.attempts} attempt(s) of the budget are left`),
  },
  { from: DeliveryStatus.PENDING, action: DeliveryAction.UNROUTE, to: DeliveryStatus.UNROUTABLE },
  { from: DeliveryStatus.FAILED, action: DeliveryAction.REDELIVER, to: DeliveryStatus.PENDING },
  {
    from: DeliveryStatus.UNROUTABLE,
    action: DeliveryAction.REDELIVER,
    to: DeliveryStatus.PENDING,
    guard: (ctx) => (ctx.routeFound ? undefined : 'no partner and no local authority serves the destination yet'),
  },
];

const LIFECYCLE = defineLifecycle({
  transitions: TRANSITIONS,
  refusal: (from, action) => `cannot ${action.toLowerCase().replace('_', ' ')} a delivery that is ${from}`,
});

export type DeliveryTransitionResult = { ok: true; to: DeliveryStatus } | { ok: false; reason: string };

export function deliveryTransition(from: DeliveryStatus, action: DeliveryAction, ctx: DeliveryContext): DeliveryTransitionResult {
  return LIFECYCLE.transition(from, action, ctx);
}

export function isSettled(status: DeliveryStatus): boolean {
  return LIFECYCLE.isSettled(status);
}
