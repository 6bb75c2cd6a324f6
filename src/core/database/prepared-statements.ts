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
 * Named, a statement may get a generic plan after five calls, and keeps it until the statistics of
 * its tables change or its connection makes its plans afresh (ReplanSchedule). A statement that joins
 * a list given as an array (`unnest($1::uuid[])`, `= ANY($1)`) to a table has no one good plan: the
 * generic plan assumes ten elements, and a list of hundreds (the audit sequencer's batch, a sweep of
 * expired certificates) wants another plan than one of two. Planned per call, the list's length and
 * the table's size are known each time; it pays the planning on every call (the worker's begin and
 * acknowledgement do, for every group of deliveries: see DeliveryAttemptsStore for why they still
 * do).
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

/**
 * When a connection makes its named statements' plans afresh (DISCARD PLANS): once it has run 64 of
 * them, 128, 256 and so on, then every 2^20. A named statement keeps the generic plan PostgreSQL made
 * at its sixth call for the connection's life, unless the statistics of its tables change; where
 * autovacuum is off they never do (ANALYZE never runs), and a plan made while a table was small (a
 * sequential scan, or a hash join over one) would read the whole table on every call as it grows.
 * A table never analysed is planned at its size on disk at the time, so a plan made afresh follows
 * the table: by the doubling, a kept plan never outlives a table that grew more than its connection's
 * calls since. Where autovacuum runs, an ANALYZE already does this; the few extra plannings cost
 * nothing measurable.
 */
export const REPLAN_FIRST = 64;
export const REPLAN_STATEMENT = 'DISCARD PLANS';
export const REPLAN_MAX_INTERVAL = 1 << 20;

export class ReplanSchedule {
  private executions = 0;
  private next: number;

  constructor(
    first = REPLAN_FIRST,
    private readonly maxInterval = REPLAN_MAX_INTERVAL,
  ) {
    this.next = first;
  }

  /** Counts one call of a named statement: true when the connection's plans are to be made afresh before it. */
  due(): boolean {
    this.executions++;
    if (this.executions < this.next) return false;
    this.next = this.executions + Math.min(this.executions, this.maxInterval);
    return true;
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

/** The pool's options for its connections, beside pg's: when each re-plans (tests make it sooner). */
export interface PreparingPoolConfig extends pg.PoolConfig {
  replanFirst?: number;
}

class PreparingClient extends pg.Client {
  private readonly shapes = new RowShapes();
  private readonly replans: ReplanSchedule;

  constructor(config: PreparingPoolConfig) {
    super(config);
    this.replans = new ReplanSchedule(config?.replanFirst);
  }

  override query(...args: unknown[]): never {
    const named = namedQuery(processNames, args as QueryArguments);
    const submit = super.query.bind(this) as (...a: unknown[]) => never;
    if (named === args) return submit(...args);
    const [{ name, text, values }, callback] = named as [{ name: string; text: string; values: unknown[] }, unknown];
    // Queued ahead of the statement on this connection. It fails only where any statement would (a
    // transaction already failed, a connection lost), and the statement then fails and says why.
    if (this.replans.due()) submit(REPLAN_STATEMENT, () => undefined);
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
  constructor(config: PreparingPoolConfig) {
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
