import { RetrySchedule, backoffDelayMs } from './retry-policy';

/**
 * The hub pulling from a partner that only offers pull: after a failed pull (no answer, an error, an
 * answer that is not a page of envelopes) it waits the partner's backoff before the next one, as a
 * delivery would, and never less than its usual interval.
 */
export function nextPullAt(failures: number, everyMs: number, schedule: RetrySchedule, now: Date, random: () => number): Date {
  return new Date(now.getTime() + Math.max(everyMs, backoffDelayMs(failures, schedule, random)));
}
