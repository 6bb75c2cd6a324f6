import { registerAs } from '@nestjs/config';
import { validateEnvironment } from './env.validation';

export interface HubConfig {
  port: number;
  adminToken: string;
  masterKey?: string;
  masterKeyVersion: number;
  // Bench only: issue without signing (bench/sign).
  benchDigestOnly: boolean;
  publicUrl: string;
  hsFile?: string;
  bodyLimit: number;
  logLevel: string;
}

export interface DatabaseConfig {
  url: string;
}

export interface RedisConfig {
  url: string;
  queuePrefix: string;
}

export const hubConfig = registerAs('hub', (): HubConfig => {
  const env = validateEnvironment(process.env);
  const port = env.PORT ?? 3000;
  return {
    port,
    adminToken: env.HUB_ADMIN_TOKEN,
    masterKey: env.HUB_MASTER_KEY,
    masterKeyVersion: env.HUB_MASTER_KEY_VERSION ?? 1,
    benchDigestOnly: env.HUB_BENCH_DIGEST_ONLY === 'true',
    publicUrl: (env.HUB_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    hsFile: env.HUB_HS_FILE,
    bodyLimit: env.HUB_BODY_LIMIT ?? 1024 * 1024,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
});

export const databaseConfig = registerAs('database', (): DatabaseConfig => {
  const env = validateEnvironment(process.env);
  return { url: env.DATABASE_URL };
});

export const redisConfig = registerAs('redis', (): RedisConfig => {
  const env = validateEnvironment(process.env);
  return { url: env.REDIS_URL, queuePrefix: env.HUB_QUEUE_PREFIX ?? 'ecoo' };
});

export interface AllConfig {
  hub: HubConfig;
  database: DatabaseConfig;
  redis: RedisConfig;
}
