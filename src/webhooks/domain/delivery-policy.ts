/** A delivery of a subscription's queue as the sender sees it: its place and when it may go. */
export interface QueuedDelivery {
  id: string;
  position: number;
  nextAttemptAt: Date | null;
}

export type NextStep = { kind: 'SEND'; deliveryId: string } | { kind: 'WAIT'; delayMs: number } | { kind: 'IDLE' };

/**
 * What a subscription's sender does next: its deliveries go one at a time in the order they were
 * made, so only the first still pending may go, and the rest wait behind it (even when due), as long
 * as it waits for its retry.
 */
export function nextStep(pending: readonly QueuedDelivery[], now: Date): NextStep {
  if (pending.length === 0) return { kind: 'IDLE' };
  const head = pending.reduce((first, d) => (d.position < first.position ? d : first));
  const wait = head.nextAttemptAt ? head.nextAttemptAt.getTime() - now.getTime() : 0;
  return wait > 0 ? { kind: 'WAIT', delayMs: wait } : { kind: 'SEND', deliveryId: head.id };
}

/** The wait before attempt `attempt + 1` after `attempt` failures: doubling from `baseMs`, never past `maxMs`. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
}

/** A subscription whose receiver has failed without a success since `failingSince` for `disableAfterMs` is disabled. */
export function shouldDisable(failingSince: Date | null, now: Date, disableAfterMs: number): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= disableAfterMs;
}

/** Whether an answer counts as received (Standard Webhooks: any 2xx). */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
