import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// Fixed operator token for the test run, as strong as production requires (about 190 bits, no word
// or pattern): specs that boot the hub under NODE_ENV=production use it as it is.
export const TEST_ADMIN_TOKEN = 'Tq7vXw2LrB9mKc4ZpN8sYd3HfJ6gA1eU';
// Partners in the tests listen on this machine: the outbound policy refuses loopback unless listed.
export const TEST_PARTNER_ALLOWED_HOSTS = '127.0.0.1';
// The specs play the load balancer in front of the hub (X-Forwarded-For names the caller).
export const TEST_TRUSTED_PROXIES = '127.0.0.1';
export const TEST_MASTER_KEY = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
export const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The HS 2022 list the issue points tests at (shared/ sits beside the project in CI). */
export function hsFile(): string | undefined {
  const candidate = resolve(__dirname, '../../../shared/data/hs/harmonized-system.csv');
  return existsSync(candidate) ? candidate : undefined;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
