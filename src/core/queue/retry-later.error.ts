/**
 * Thrown by a job handler to have BullMQ run the job again after `delayMs` (the worker's backoff
 * strategy reads it): a partner's Retry-After, a computed backoff, an open circuit breaker. The
 * job must be added with `backoff: RETRY_LATER_BACKOFF` and enough attempts.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

export const RETRY_LATER_BACKOFF = { type: 'retry-later' } as const;

/** The delay a failed job waits: the handler's own for a RetryLaterError, else exponential up to a minute. */
export function retryLaterDelay(attemptsMade: number, error: unknown): number {
  const delay = (error as { delayMs?: unknown } | undefined)?.delayMs;
  if (error instanceof Error && error.name === 'RetryLaterError' && typeof delay === 'number' && Number.isFinite(delay)) return Math.max(0, Math.round(delay));
  return Math.min(60_000, 1000 * 2 ** Math.min(Math.max(attemptsMade - 1, 0), 6));
}
