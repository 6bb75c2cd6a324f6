import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Client } from 'pg';
import { REPLAN_STATEMENT } from '../../src/core/database/prepared-statements';

/** The statements one HTTP request sent to PostgreSQL, in order (each is one round trip: pg does not pipeline). */
export interface RequestStatements {
  statements: string[];
}

const HEADER = 'x-count-statements';
const storage = new AsyncLocalStorage<RequestStatements>();
const counted = new Map<string, RequestStatements>();
let patched = false;

// Wraps pg's Client#query once per process: it records the text of each call made where a count runs.
function patchQuery(): void {
  if (!patched) {
    patched = true;
    const query = Client.prototype.query;
    // A wrapper around the real query: it records the text and hands every argument on unchanged.
    Client.prototype.query = function (this: Client, ...args: unknown[]): unknown {
      const store = storage.getStore();
      const first = args[0] as string | { text?: string };
      const text = typeof first === 'string' ? first : String(first?.text ?? '');
      // The re-planning a connection sends before its 64th named call, its 128th and so on
      // (ReplanSchedule) is the connection's, once per doubling of its calls, not the call's.
      if (store && text !== REPLAN_STATEMENT) store.statements.push(text);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  }
}

/**
 * Counts the SQL statements each request sends, by request: every call of pg's Client#query made in
 * the asynchronous context of a request that carried the `x-count-statements` header is recorded under
 * that header's value. Work of other requests and of background loops is never attributed to it.
 */
export function countStatements(server: Server): void {
  patchQuery();
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const label = req.headers[HEADER];
    if (typeof label !== 'string') {
      for (const listener of listeners) listener(req, res);
      return;
    }
    const store: RequestStatements = { statements: [] };
    counted.set(label, store);
    storage.run(store, () => {
      for (const listener of listeners) listener(req, res);
    });
  });
}

/** The statements `work` sends (its asynchronous context), for work that is no request: a worker's job. */
export async function statementsSentBy(work: () => Promise<unknown>): Promise<string[]> {
  patchQuery();
  const store: RequestStatements = { statements: [] };
  await storage.run(store, work);
  return store.statements;
}

/** The header that asks for a request's statements to be counted under `label`. */
export function countedAs(label: string): Record<string, string> {
  return { [HEADER]: label };
}

/** The statements the request labelled `label` sent, once it answered. */
export function statementsOf(label: string): string[] {
  const store = counted.get(label);
  if (!store) throw new Error(`No request was counted as ${label}`);
  return store.statements;
}

/** Round trips before the commit: every statement but the final COMMIT (BEGIN is one). */
export function roundTripsBeforeCommit(statements: string[]): number {
  const last = statements[statements.length - 1];
  return /^\s*COMMIT\b/i.test(last ?? '') ? statements.length - 1 : statements.length;
}
