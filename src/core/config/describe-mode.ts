import { resolve } from 'node:path';
import { EnvironmentVariables } from './env.validation';
import { databaseSettings } from './hub.config';
import { HubMode } from './hub-mode';

/** The start-up lines saying which mode the hub runs in, and what trial mode is not for. */
export function describeMode(env: EnvironmentVariables): string[] {
  const database = databaseSettings(env);
  if (database.mode === HubMode.SERVER) return ['Mode: server (PostgreSQL and Redis)'];
  const lines = [
    `Mode: TRIAL (HUB_MODE=trial): embedded PostgreSQL in ${resolve(database.dataDir)}, queues in the same database, workers in this process`,
    'Trial mode is for one machine and light load (a first run, a demo, a training): not for production, which needs HUB_MODE=server with PostgreSQL and Redis',
  ];
  if (env.DATABASE_URL || env.REDIS_URL) lines.push('DATABASE_URL and REDIS_URL are ignored in trial mode');
  return lines;
}

/** What a production hub is allowed that production should not need: said as warnings at every start. */
export function startupWarnings(env: EnvironmentVariables): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const warnings: string[] = [];
  if (env.HUB_ALLOW_DEV_KEYS === 'true') {
    warnings.push('HUB_ALLOW_DEV_KEYS=true under NODE_ENV=production: development keys (POST /v1/pki/dev-keys, npm run pki:dev) can be made on this hub; that is for a staging hub only');
  }
  if (env.HUB_METRICS_TOKEN === undefined) {
    warnings.push('HUB_METRICS_TOKEN is not set: /metrics is open to anyone who reaches this hub (request rates by route, queue depths, deliveries per partner); set it, or close /metrics at the proxy');
  }
  if (env.HUB_TRUSTED_PROXIES === undefined) {
    warnings.push('HUB_TRUSTED_PROXIES is not set: X-Forwarded-For is ignored and each caller is the address it connects from; behind a load balancer every public caller then shares its address and one rate limit, so list the load balancer there (SECURITY.md)');
  }
  if (env.HUB_ALLOW_HTTP_PARTNERS === 'true') {
    warnings.push('HUB_ALLOW_HTTP_PARTNERS=true under NODE_ENV=production: partner endpoints may use plain http, so envelopes and bearer tokens may cross the network unencrypted');
  }
  return warnings;
}
