import { RECEIPT_ATTEMPTS } from '../receipts/domain/receipt-rules';
import { Acknowledgement } from './acknowledgement';
import { DeliveryAction, deliveryTransition } from './delivery-lifecycle';
import { AttemptOutcome, DeliveryStatus } from './delivery-status';
import { EnvelopeRefresh, afterIdReused, afterReplayRefusal } from './envelope-refresh';
import { Classification, RetrySchedule, retryDelayMs } from './retry-policy';

/** The envelope the attempt sent. */
export interface SentEnvelope {
  createdAt: string;
  /** When the attempt started. */
  sentAt: Date;
  /** Earlier createdAt values the receiver may hold (see EnvelopeRefresh). */
  earlierCreatedAt: string[];
}

export interface AttemptDecisionInput {
  classification: Classification;
  /** Attempts made in this generation, the one just made included. */
  attempts: number;
  maxAttempts: number;
  schedule: RetrySchedule;
  now: Date;
  random: () => number;
  envelope: SentEnvelope;
  /** Earlier attempts of this generation answered without the valid receipt the partner promised. */
  receiptFailures?: number;
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
  /** Set with a RETRY: sign the envelope again so, before the next attempt. */
  refresh?: EnvelopeRefresh;
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
    case 'RECEIPT_INVALID': {
      // The partner answered, so it is up; its promise of signed receipts is what failed. A few
      // attempts, then FAILED with RECEIPT_INVALID for the operator (DESIGN.md section 5).
      const failures = (input.receiptFailures ?? 0) + 1;
      if (failures >= RECEIPT_ATTEMPTS) {
        return { action: DeliveryAction.REFUSE, status: DeliveryStatus.FAILED, outcome: AttemptOutcome.REFUSED, error: `${c.error}; ${failures} acknowledgements without a valid receipt` };
      }
      const retry = deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.RETRY, ctx);
      if (!retry.ok) return { action: DeliveryAction.GIVE_UP, status: DeliveryStatus.FAILED, outcome: AttemptOutcome.RETRY, error: `${c.error}; ${retry.reason}` };
      const delay = retryDelayMs(attempts, input.schedule, input.random);
      return { action: DeliveryAction.RETRY, status: retry.to, outcome: AttemptOutcome.RETRY, error: c.error, retryDelayMs: delay, retryAt: new Date(input.now.getTime() + delay) };
    }
    case 'OUTSIDE_REPLAY_WINDOW':
    case 'ENVELOPE_ID_REUSED': {
      const answer = c.kind === 'OUTSIDE_REPLAY_WINDOW' ? afterReplayRefusal({ ...input.envelope, now: input.now }) : afterIdReused(input.envelope);
      if (!answer.ok) return { action: DeliveryAction.REFUSE, status: DeliveryStatus.FAILED, outcome: AttemptOutcome.REFUSED, error: `${c.error}: ${answer.reason}` };
      const retry = deliveryTransition(DeliveryStatus.PENDING, DeliveryAction.RETRY, ctx);
      if (!retry.ok) return { action: DeliveryAction.GIVE_UP, status: DeliveryStatus.FAILED, outcome: AttemptOutcome.REFUSED, error: `${c.error}; ${retry.reason}` };
      // The receiver is up and answered: the envelope signed again goes at once, counted like any attempt.
      return {
        action: DeliveryAction.RETRY,
        status: retry.to,
        outcome: AttemptOutcome.RETRY,
        error: `${c.error}; ${answer.refresh.note}`,
        retryDelayMs: 0,
        retryAt: input.now,
        refresh: answer.refresh,
      };
    }
  }
}
