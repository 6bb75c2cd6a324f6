export interface ReplayWindow {
  /** How old an envelope may be when it first arrives. */
  maxAgeMs: number;
  /** How far ahead of this hub's clock a sender's clock may run. */
  maxSkewMs: number;
}

/**
 * DESIGN.md section 6: a receiver refuses envelopes older than a replay window, so a captured
 * envelope cannot be played again later. (A repeat of one already received is answered from the
 * record before this is asked.) Returns why it is refused, or undefined.
 */
export function replayProblem(createdAt: Date, now: Date, window: ReplayWindow): string | undefined {
  const age = now.getTime() - createdAt.getTime();
  if (age > window.maxAgeMs) return `the envelope was created ${Math.round(age / 1000)} s ago, beyond the replay window of ${Math.round(window.maxAgeMs / 1000)} s`;
  if (-age > window.maxSkewMs) return `the envelope was created ${Math.round(-age / 1000)} s in the future`;
  return undefined;
}
