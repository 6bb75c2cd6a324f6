import { registerAs } from '@nestjs/config';
import { validateEnvironment } from '../core/config/env.validation';

export interface WebhooksConfig {
  retryBaseMs: number;
  retryMaxMs: number;
  /** A subscription whose receiver failed this long without a success is disabled (a day). */
  disableAfterMs: number;
  /** How often the hub looks for events and deliveries a lost notice or job left behind. */
  sweepMs: number;
  /** One attempt, from connecting to reading the answer. */
  timeoutMs: number;
  /** Subscriptions sent to at once by one worker process (each one delivery at a time). */
  concurrency: number;
}

// The variables are validated with the rest of the environment (core/config/env.validation.ts).
export const webhooksConfig = registerAs('webhooks', (): WebhooksConfig => {
  const env = validateEnvironment(process.env);
  return {
    retryBaseMs: env.HUB_WEBHOOK_RETRY_BASE_MS ?? 5_000,
    retryMaxMs: env.HUB_WEBHOOK_RETRY_MAX_MS ?? 3_600_000,
    disableAfterMs: env.HUB_WEBHOOK_DISABLE_AFTER_MS ?? 24 * 3_600_000,
    sweepMs: env.HUB_WEBHOOK_SWEEP_MS ?? 10_000,
    timeoutMs: env.HUB_WEBHOOK_TIMEOUT_MS ?? 10_000,
    concurrency: 8,
  };
});
