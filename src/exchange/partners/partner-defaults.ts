// What a partner gets when the operator leaves a setting out.
export const PARTNER_DEFAULTS = {
  maxAttempts: 10,
  baseDelayMs: 2000,
  maxDelayMs: 600_000,
  timeoutMs: 10_000,
  failureThreshold: 5,
  cooldownMs: 30_000,
  // A keep-alive connection per call in flight: a partner that acknowledges at once takes thousands
  // of envelopes a second over 64 connections; a smaller node states less in its registration.
  deliveryConcurrency: 64,
  poolConnections: 64,
  // A PULL partner's deliveries wait two days to be taken and acknowledged; the hub pulls from a pull-only partner every 5 s.
  maxAgeMs: 172_800_000,
  pullEveryMs: 5000,
} as const;
