import { Acknowledgement } from './acknowledgement';
import { DeliveryAction, deliveryTransition } from './delivery-lifecycle';
import { AttemptOutcome, DeliveryStatus } from './delivery-status';
import { Classification, RetrySchedule, retryDelayMs } from './retry-policy';

export interface AttemptDecisionInput {
  classification: Classification;
  /** Attempts made in this generation, the one just made included. */
  attempts: number;
  maxAttempts: number;
  schedule: RetrySchedule;
  now: Date;
  random: () => number;
}

export interface AttemptDecision {
  action: DeliveryAction;
  status: DeliveryStatus;
  outcome: AttemptOutcome;
  error?: string;
  acknowledgement?: Acknowledgement;
  /** Set when the delivery stays PENDING: when to try again. */
  retryAt?: Date;
  retryDelayMs?: number;
}

/** What one finished attempt does to its PENDING delivery (DESIGN.md sections 5 and 6). */
export function decideAfterAttempt(input: AttemptDecisionInput): AttemptDecision {
  const { classification: c, attempts, maxAttempts } = input;
  const ctx = { attempts, maxAttempts };
  switch (c.kind) {
    case 'ACKNOWLEDGED': {
      const result = deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.ACKNOWLEDGE, { ...ctx, acknowledgement: c.acknowledgement.status });
      if (!result.ok) throw new Error(result.reason);
      return { action: DeliveryAction.ACKNOWLEDGE, status: result.to, outcome: AttemptOutcome.ACKNOWLEDGED, acknowledgement: c.acknowledgement };
    }
    case 'REFUSED':
      return { action: DeliveryAction.REFUSE, status: DeliveryStatus.FAILED, outcome: AttemptOutcome.REFUSED, error: c.error };
    case 'RETRY': {
      const retry = deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.RETRY, ctx);
      if (!retry.ok) {
        return { action: DeliveryAction.GIVE_UP, status: DeliveryStatus.FAILED, outcome: AttemptOutcome.RETRY, error: `${c.error}; ${retry.reason}` };
      }
      const delay = retryDelayMs(attempts, input.schedule, input.random, c.retryAfterMs);
      return {
        action: DeliveryAction.RETRY,
        status: retry.to,
        outcome: AttemptOutcome.RETRY,
        error: c.error,
        retryDelayMs: delay,
        retryAt: new Date(input.now.getTime() + delay),
      };
    }
  }
}
