/**
 * How the pull side words what it records on a delivery, read back into codes by
 * domain/delivery-error-code.ts (the spec of this file feeds it through there).
 */

/** A pulled envelope whose lease ran out before an acknowledgement came: like a push with no answer in time. */
export function leaseExpiredError(leaseMs: number | string): string {
  return `no answer within ${leaseMs} ms: pulled and not acknowledged within its lease`;
}

/** A PULL partner's budget in time (its registration's retry.maxAgeMs) ran out. */
export function timeBudgetSpentError(maxAgeSeconds: number | string): string {
  return `not pulled and acknowledged within ${maxAgeSeconds} s; the retry budget in time is spent`;
}

/** The attempts budget ran out, the last lease expired unanswered. */
export function attemptsBudgetSpentError(lastError: string | null, maxAttempts: number | string): string {
  return `${lastError ?? 'pulled and never acknowledged'}; the retry budget of ${maxAttempts} attempts is spent`;
}
