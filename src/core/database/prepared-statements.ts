import { createHash } from 'node:crypto';
import * as pg from 'pg';
import { RowShapes, ShapedQuery } from './row-shapes';

/**
 * node-postgres sends a statement with parameters as an unnamed one: PostgreSQL parses and plans its
 * text again on every call. For the hub's statements (the same few texts, sent thousands of times:
 * a unit of work's CTE, the audited reads) parsing and planning cost PostgreSQL more CPU than
 * running them (measured with `log_min_duration_statement=0`: parse + bind 141 ms against execute
 * 122 ms over a batch issuance window). A named statement is parsed once per connection, and
 * PostgreSQL keeps its plan (after five runs, a generic one where it costs no more).
 *
 * The name is a digest of the text, so one name never stands for two texts. Only statements with
 * parameters are named (those without go by the simple protocol: START, COMMIT, SAVEPOINT), unless
 * marked PLANNED_PER_CALL; a process names at most `MAX_NAMED` distinct texts, so texts built with
 * a varying number of placeholders cannot make every connection keep statements without bound.
 * Server mode only: the embedded database of trial mode is given its statements as before.
 */
export const MAX_NAMED = 500;

/**
 * The opening of a statement text that PostgreSQL is to plan on every call: it is sent unnamed.
 * Named, a statement may get a generic plan after five calls, and keeps it for the connection's
 * life unless the statistics of its tables change. A statement that joins a list given as an array
 * (`unnest($1::uuid[])`, `= ANY($1)`) to a table has no one good plan: while the table is small a
 * sequential scan is cheapest, and that plan, once kept, reads the whole table on every call as it
 * grows. Nothing refreshes the statistics where autovacuum is off (ANALYZE never runs), so the
 * plan never changes. Planned per call, the list's length and the table's size are known each time.
 * Issue 14's create + issue load, on a server with autovacuum off, read delivery_attempts by a
 * sequential scan on every acknowledgement of the worker, each one slower as the table grew.
 */
export const PLANNED_PER_CALL = '/* planned per call */ ';

/** `text` marked to be planned by PostgreSQL on every call (see PLANNED_PER_CALL). */
export function plannedPerCall(text: string): string {
  return `${PLANNED_PER_CALL}${text}`;
}

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
  if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || config.startsWith(PLANNED_PER_CALL)) return args;
  const name = names.nameOf(config);
  return name === undefined ? args : [{ name, text: config, values }, callback];
}

const processNames = new StatementNames();

type QueryCallback = (error: Error | undefined, result: pg.QueryResult) => void;

class PreparingClient extends pg.Client {
  private readonly shapes = new RowShapes();

  override query(...args: unknown[]): never {
    const named = namedQuery(processNames, args as QueryArguments);
    const submit = super.query.bind(this) as (...a: unknown[]) => never;
    if (named === args) return submit(...args);
    const [{ name, text, values }, callback] = named as [{ name: string; text: string; values: unknown[] }, unknown];
    // A named statement's rows are read through its RowShape (row-shapes.ts), answered as pg answers:
    // through the callback when one is given, else by a promise whose error's stack leads back here.
    if (typeof callback === 'function') return submit(new ShapedQuery(name, text, values, this.shapes, callback as QueryCallback));
    return new Promise<pg.QueryResult>((resolve, reject) => {
      submit(new ShapedQuery(name, text, values, this.shapes, (error, result) => (error ? reject(error) : resolve(result))));
    }).catch((error: Error) => {
      Error.captureStackTrace(error);
      throw error;
    }) as never;
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
