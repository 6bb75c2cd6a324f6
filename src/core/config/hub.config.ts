import { registerAs } from '@nestjs/config';
import { trustedProxies } from '../http/client-address';
import { DEFAULT_BATCH_BODY_LIMIT, EnvironmentVariables, validateEnvironment } from './env.validation';
import { DEFAULT_TRIAL_DATA_DIR, HubMode } from './hub-mode';

export interface HubConfig {
  mode: HubMode;
  port: number;
  adminToken: string;
  masterKey?: string;
  /** The key being replaced during a rotation: opens what is still sealed under it, seals nothing. */
  masterKeyPrevious?: string;
  masterKeyVersion: number;
  // Bench only: issue without signing (bench/scenarios/sign-api.ts).
  benchDigestOnly: boolean;
  publicUrl: string;
  hsFile?: string;
  bodyLimit: number;
  /** The batch endpoints' body limit (HUB_BATCH_BODY_LIMIT). */
  batchBodyLimit: number;
  logLevel: string;
  /** When set, /metrics answers only to this bearer token (or the operator's). */
  metricsToken?: string;
  /** POST /v1/pki/dev-keys and npm run pki:dev: outside production, or on a staging hub that allows them. */
  devKeysAllowed: boolean;
  /** Fastify's trustProxy: the proxies whose X-Forwarded-For names the client (HUB_TRUSTED_PROXIES), or none. */
  trustedProxies: string[] | false;
  /** Anonymous requests per client address and window (HUB_PUBLIC_RATE_LIMIT, HUB_PUBLIC_RATE_WINDOW_SECONDS). */
  publicRate: { limit: number; windowSeconds: number };
  /** Client addresses a rate limit counts per scope; more share one budget. */
  publicRateMaxClients: number;
}

/** Where the data lives: a PostgreSQL server, or the embedded database in a local directory. */
export type DatabaseConfig = { mode: HubMode.SERVER; url: string } | { mode: HubMode.TRIAL; dataDir: string };

/** Where the queues live: Redis, or BullMQ's PostgreSQL backend on the embedded database. */
export type QueueConfig = ({ mode: HubMode.SERVER; redisUrl: string } | { mode: HubMode.TRIAL; dataDir: string }) & { queuePrefix: string };

export function hubMode(env: EnvironmentVariables): HubMode {
  return env.HUB_MODE ?? HubMode.SERVER;
}

/** Development keys are refused under NODE_ENV=production unless HUB_ALLOW_DEV_KEYS=true (a staging hub). */
export function devKeysAllowed(env: Pick<EnvironmentVariables, 'NODE_ENV' | 'HUB_ALLOW_DEV_KEYS'>): boolean {
  return env.NODE_ENV !== 'production' || env.HUB_ALLOW_DEV_KEYS === 'true';
}

export function databaseSettings(env: EnvironmentVariables): DatabaseConfig {
  return hubMode(env) === HubMode.TRIAL ? { mode: HubMode.TRIAL, dataDir: env.HUB_DATA_DIR ?? DEFAULT_TRIAL_DATA_DIR } : { mode: HubMode.SERVER, url: env.DATABASE_URL };
}

export const hubConfig = registerAs('hub', (): HubConfig => {
  const env = validateEnvironment(process.env);
  const port = env.PORT ?? 3000;
  return {
    mode: hubMode(env),
    port,
    adminToken: env.HUB_ADMIN_TOKEN,
    masterKey: env.HUB_MASTER_KEY,
    masterKeyPrevious: env.HUB_MASTER_KEY_PREVIOUS,
    masterKeyVersion: env.HUB_MASTER_KEY_VERSION ?? 1,
    benchDigestOnly: env.HUB_BENCH_DIGEST_ONLY === 'true',
    publicUrl: (env.HUB_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    hsFile: env.HUB_HS_FILE,
    bodyLimit: env.HUB_BODY_LIMIT ?? 1024 * 1024,
    batchBodyLimit: env.HUB_BATCH_BODY_LIMIT ?? DEFAULT_BATCH_BODY_LIMIT,
    logLevel: env.LOG_LEVEL ?? 'info',
    metricsToken: env.HUB_METRICS_TOKEN,
    devKeysAllowed: devKeysAllowed(env),
    trustedProxies: trustedProxies(env.HUB_TRUSTED_PROXIES),
    publicRate: { limit: env.HUB_PUBLIC_RATE_LIMIT ?? 60, windowSeconds: env.HUB_PUBLIC_RATE_WINDOW_SECONDS ?? 60 },
    publicRateMaxClients: env.HUB_PUBLIC_RATE_MAX_CLIENTS ?? 10_000,
  };
});

export const databaseConfig = registerAs('database', (): DatabaseConfig => databaseSettings(validateEnvironment(process.env)));

export const queueConfig = registerAs('queue', (): QueueConfig => {
  const env = validateEnvironment(process.env);
  const queuePrefix = env.HUB_QUEUE_PREFIX ?? 'ecoo';
  const database = databaseSettings(env);
  return database.mode === HubMode.TRIAL ? { mode: HubMode.TRIAL, dataDir: database.dataDir, queuePrefix } : { mode: HubMode.SERVER, redisUrl: env.REDIS_URL, queuePrefix };
});

export interface AllConfig {
  hub: HubConfig;
  database: DatabaseConfig;
  queue: QueueConfig;
}
