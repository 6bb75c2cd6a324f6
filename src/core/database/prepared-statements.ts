import { createHash } from 'node:crypto';
import * as pg from 'pg';

/**
 * node-postgres sends a statement with parameters as an unnamed one: PostgreSQL parses and plans its
 * text again on every call. For the hub's statements (the same few texts, sent thousands of times:
 * a unit of work's CTE, the delivery batches, the audited reads) parsing and planning cost PostgreSQL
 * more CPU than running them (measured with `log_min_duration_statement=0`: parse + bind 141 ms
 * against execute 122 ms over a batch issuance window). A named statement is parsed once per
 * connection, and PostgreSQL keeps its plan (after five runs, a generic one where it costs no more).
 *
 * The name is a digest of the text, so one name never stands for two texts. Only statements with
 * parameters are named (those without go by the simple protocol: START, COMMIT, SAVEPOINT); a
 * process names at most `MAX_NAMED` distinct texts, so texts built with a varying number of
 * placeholders cannot make every connection keep statements without bound. Server mode only: the
 * embedded database of trial mode is given its statements as before.
 */
export const MAX_NAMED = 500;

export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly max = MAX_NAMED) {}

  /** The name for `text`, or undefined once `max` texts have a name (it is then sent unnamed). */
  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.max) return known;
    const name = `ecoo_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    this.names.set(text, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

type QueryArguments = [config: unknown, values?: unknown, callback?: unknown];

/** The query a client sends for `args`: a text with parameters becomes a named statement. */
export function namedQuery(names: StatementNames, args: QueryArguments): QueryArguments {
  const [config, values, callback] = args;
  if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0) return args;
  const name = names.nameOf(config);
  return name === undefined ? args : [{ name, text: config, values }, callback];
}

const processNames = new StatementNames();

class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    return (super.query as (...a: unknown[]) => never)(...namedQuery(processNames, args as QueryArguments));
  }
}

class PreparingPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super({ ...config, Client: PreparingClient as unknown as pg.PoolConfig['Client'] });
  }
}

/** The `driver` TypeORM's postgres driver takes in place of the `pg` module: pg with PreparingPool. */
export function preparingPgDriver(): { Pool: typeof pg.Pool; defaults: typeof pg.defaults; types: typeof pg.types } {
  return { Pool: PreparingPool, defaults: pg.defaults, types: pg.types };
}

/**
 * The data source's driver option in server mode: named statements, unless HUB_DB_PREPARED_STATEMENTS
 * is "false" (a connection pooler in transaction mode, which cannot keep a connection's prepared
 * statements, sits between the hub and PostgreSQL): then pg as it comes.
 */
export function serverDriverOption(env: Record<string, string | undefined>): { driver?: ReturnType<typeof preparingPgDriver> } {
  return env.HUB_DB_PREPARED_STATEMENTS === 'false' ? {} : { driver: preparingPgDriver() };
}
