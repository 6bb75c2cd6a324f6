import { resolve } from 'node:path';
import { runBuilt } from './run-cli';

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = (await db.query(sql, params)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export interface ChainState {
  waiting: number;
  head: string | null;
  covered: string | null;
}

/** How far the sequencer got: entries still waiting, the last chained seq, the last checkpoint's seq. */
export async function chainState(db: Queryable): Promise<ChainState> {
  const [state] = await rows<ChainState>(
    db,
    `SELECT (SELECT count(*)::int FROM audit_log WHERE seq IS NULL) AS waiting,
            (SELECT max(seq)::text FROM audit_log) AS head,
            (SELECT max(seq)::text FROM audit_checkpoints) AS covered`,
  );
  return state;
}

/**
 * Waits until the sequencer has chained every committed entry and a checkpoint covers the head (a
 * condition polled in the database, not a fixed sleep); throws with the state reached otherwise.
 */
export async function waitForAuditChain(db: Queryable, timeoutMs = 30_000): Promise<ChainState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await chainState(db);
    if (state.waiting === 0 && state.head === state.covered) return state;
    if (Date.now() > deadline) throw new Error(`the audit log was not chained in time: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `condition` until it holds; throws with `what` after the timeout. */
export async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `npm run audit:verify` (built) against a database, with its arguments. */
export function auditVerify(databaseUrl: string, args: string[] = [], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const location = process.env.HUB_MODE === 'trial' ? { HUB_DATA_DIR: resolve(databaseUrl) } : { DATABASE_URL: databaseUrl };
  return runBuilt('audit/cli/audit-verify.js', { ...location, ...env }, args);
}
