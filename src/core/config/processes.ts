import type { EnvironmentVariables } from './env.validation';

/** Set by `npm start` (src/hub.ts) in each process it starts: how many processes share the connection budget. */
export const PROCESS_COUNT_VARIABLE = 'HUB_PROCESS_COUNT';
const DEFAULT_DB_CONNECTIONS = 30;

/** How many API processes `npm start` runs: HUB_API_PROCESSES, else `fallback` (the core count). */
export function apiProcessCount(env: Pick<EnvironmentVariables, 'HUB_API_PROCESSES'>, fallback: number): number {
  return env.HUB_API_PROCESSES ?? Math.max(1, fallback);
}

/**
 * This process's PostgreSQL pool: HUB_DB_CONNECTIONS is the budget of the whole hub (default 30),
 * divided across its processes, so two hubs on one database server stay under max_connections. One
 * connection of each share is kept for the LISTEN of change notices.
 */
export function poolSize(env: Record<string, string | undefined>): number {
  const budget = positive(env.HUB_DB_CONNECTIONS) ?? DEFAULT_DB_CONNECTIONS;
  const processes = positive(env[PROCESS_COUNT_VARIABLE]) ?? 1;
  return Math.max(2, Math.floor(budget / processes) - 1);
}

function positive(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}
