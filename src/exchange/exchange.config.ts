import { registerAs } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';

// The exchange module's part of the environment, validated at boot like the core's
// (core/config/env.validation.ts): a bad value stops the process with a message naming it.
class ExchangeEnvironment {
  @IsOptional() @IsString() HUB_NODE_KEY_FILE?: string;
  @IsOptional() @IsString() HUB_NODE_CERT_FILE?: string;
  @IsOptional() @IsInt() @Min(1000) @Max(24 * 3600 * 1000) HUB_RECONCILE_EVERY_MS?: number;
  @IsOptional() @IsInt() @Min(500) @Max(3600 * 1000) HUB_PARTNER_SYNC_EVERY_MS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(1024) HUB_DELIVERY_CONCURRENCY?: number;
  @IsOptional() @IsInt() @Min(1) @Max(4096) HUB_DELIVERY_WORKERS?: number;
  @IsOptional() @IsInt() @Min(60_000) @Max(90 * 86_400_000) HUB_REPLAY_WINDOW_MS?: number;
  @IsOptional() @IsInt() @Min(0) @Max(90 * 86_400_000) HUB_ENVELOPE_RESIGN_AFTER_MS?: number;
}

const INTEGERS = ['HUB_RECONCILE_EVERY_MS', 'HUB_PARTNER_SYNC_EVERY_MS', 'HUB_DELIVERY_CONCURRENCY', 'HUB_DELIVERY_WORKERS', 'HUB_REPLAY_WINDOW_MS', 'HUB_ENVELOPE_RESIGN_AFTER_MS'] as const;

export interface ExchangeConfig {
  /** PEM files of this node's envelope signing key and certificate (DESIGN.md section 6). */
  nodeKeyFile?: string;
  nodeCertFile?: string;
  /** How often the reconciler re-enqueues PENDING deliveries that have no live job. */
  reconcileEveryMs: number;
  /** How often a worker process looks in PostgreSQL for partners with deliveries due (enqueued by other processes). */
  partnerSyncEveryMs: number;
  /** Jobs one worker process runs at once per partner queue at most (a partner's own setting, when lower, applies), and on the local queue. */
  deliveryConcurrency: number;
  /** Partner queue workers one worker process keeps open at once (each holds a blocking Redis connection). */
  deliveryWorkers: number;
  /** How old a received envelope may be (DESIGN.md section 6); longer than any sender's retry budget. */
  replayWindowMs: number;
  /** An operator redelivery signs an envelope older than this again, with a fresh createdAt. */
  resignAfterMs: number;
}

export function readExchangeConfig(raw: Record<string, string | undefined>): ExchangeConfig {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined && value !== '') input[name] = value;
  for (const name of INTEGERS) {
    const value = input[name];
    if (typeof value === 'string' && /^\d+$/.test(value)) input[name] = Number(value);
  }
  const env = plainToInstance(ExchangeEnvironment, input);
  const errors = validateSync(env, { whitelist: false });
  if ((env.HUB_NODE_KEY_FILE === undefined) !== (env.HUB_NODE_CERT_FILE === undefined)) {
    errors.push({ property: 'HUB_NODE_KEY_FILE', constraints: { pair: 'HUB_NODE_KEY_FILE and HUB_NODE_CERT_FILE go together' }, children: [] });
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    nodeKeyFile: env.HUB_NODE_KEY_FILE,
    nodeCertFile: env.HUB_NODE_CERT_FILE,
    reconcileEveryMs: env.HUB_RECONCILE_EVERY_MS ?? 60_000,
    partnerSyncEveryMs: env.HUB_PARTNER_SYNC_EVERY_MS ?? 1_000,
    deliveryConcurrency: env.HUB_DELIVERY_CONCURRENCY ?? 64,
    deliveryWorkers: env.HUB_DELIVERY_WORKERS ?? 64,
    replayWindowMs: env.HUB_REPLAY_WINDOW_MS ?? 7 * 86_400_000,
    // Well inside the default replay window, so a redelivered envelope is not refused as too old first.
    resignAfterMs: env.HUB_ENVELOPE_RESIGN_AFTER_MS ?? 86_400_000,
  };
}

export const exchangeConfig = registerAs('exchange', (): ExchangeConfig => readExchangeConfig(process.env));
