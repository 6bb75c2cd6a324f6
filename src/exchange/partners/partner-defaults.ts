// What a partner gets when the operator leaves a setting out.
export const PARTNER_DEFAULTS = {
  maxAttempts: 10,
  baseDelayMs: 2000,
  maxDelayMs: 600_000,
  timeoutMs: 10_000,
  failureThreshold: 5,
  cooldownMs: 30_000,
} as const;
