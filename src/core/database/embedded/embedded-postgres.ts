import { Logger } from '@nestjs/common';
import { PGlite, messages, protocol } from '@electric-sql/pglite';
import { join, resolve } from 'node:path';
import { DEFAULT_TRIAL_SHARED_BUFFERS } from '../../config/hub-mode';
import { DataDirLock } from './data-dir-lock';
import { SessionLease, SessionWaitTimeout } from './session-lease';

// Frontend message types (PostgreSQL protocol, section 55.7).
const QUERY = 0x51; // 'Q'
const PARSE = 0x50; // 'P'
const SYNC = 0x53; // 'S'
const LOCK_NOT_AVAILABLE = '55P03';
// How long a statement waits for the session before it fails like a lock_timeout. A trial hub's
// transactions last milliseconds; one that holds the session this long waits for something that
// cannot come.
const DEFAULT_WAIT_LIMIT_MS = 30_000;
// PostgreSQL's buffer pool inside the embedded database: HUB_TRIAL_SHARED_BUFFERS, default 128MB
// (the data directory's configuration, initdb's default). PostgreSQL sets up the whole pool when it
// starts, which in WebAssembly is most of an open: a copy of a migrated data directory opened in 339
// ms of CPU with 16MB against 852 with 128MB (`npm run bench -- trial-open`). A smaller pool costs
// throughput once the data outgrows it: create + issue on a trial hub ran at 0.33x of server mode
// with 16MB against 0.39x with 128MB (`npm run bench -- trial`, four rounds each). So hubs keep
// 128MB, and the test runs, whose files each open small databases several times, take 16MB.
function sharedBuffers(): string {
  return process.env.HUB_TRIAL_SHARED_BUFFERS || DEFAULT_TRIAL_SHARED_BUFFERS;
}

/** The SQL text of a Query or Parse message, for diagnostics. */
function statementOf(message: Uint8Array): string | undefined {
  const text = (from: number): string => {
    const end = message.indexOf(0, from);
    return Buffer.from(message.subarray(from, end < 0 ? message.length : end)).toString('utf8');
  };
  if (message[0] === QUERY) return text(5).slice(0, 200);
  if (message[0] === PARSE) return text(message.indexOf(0, 5) + 1).slice(0, 200);
  return undefined;
}

/** A protocol message as PGlite parses it (the shape node-postgres reads). */
export interface BackendMessage {
  name: string;
  status?: string;
}

/** What the session needs from a connection: its schema, and a way to hand it notifications. */
export interface SessionConnection {
  readonly searchPath: string;
  emit(event: 'notification', message: BackendMessage): boolean;
}

interface Shared {
  opening: Promise<EmbeddedPostgres>;
  users: number;
}

const shared = new Map<string, Shared>();
const closing = new Map<string, Promise<void>>();

export interface EmbeddedHandle {
  readonly database: Promise<EmbeddedPostgres>;
  /** Resolves once the database closed when this was its last user (at once otherwise). */
  release(): Promise<void>;
}

/**
 * The trial mode's database: PostgreSQL 18 compiled to WebAssembly (PGlite), in this process, with
 * its files in `<dataDir>/pgdata`. It has exactly one session, which TypeORM's and BullMQ's
 * connections share through a lease: a connection takes the session with its first message and keeps
 * it until PostgreSQL reports the session idle (ReadyForQuery 'I'), so a transaction, once begun,
 * runs alone until COMMIT or ROLLBACK and a statement outside a transaction waits for it. Row locks
 * and advisory locks then never conflict (one session holds them all), and the lease gives the
 * isolation they would have given.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger('EmbeddedPostgres');
  private readonly lease = new SessionLease<SessionConnection>();
  private readonly connections = new Set<SessionConnection>();
  private readonly discarding = new WeakSet<SessionConnection>();
  private searchPath = 'public';
  private lastStatement?: string;
  private closed = false;
  /** Tests shorten it to see the refusal. */
  waitLimitMs = DEFAULT_WAIT_LIMIT_MS;

  private constructor(
    readonly dataDir: string,
    private readonly pglite: PGlite,
    private readonly lock: DataDirLock,
  ) {}

  /**
   * The process's one instance for `dataDir`, opened on first use and closed when its last user
   * releases it (every pool takes a handle).
   */
  static use(dataDir: string): EmbeddedHandle {
    const key = resolve(dataDir);
    let entry = shared.get(key);
    if (!entry) {
      const opening = (closing.get(key) ?? Promise.resolve()).then(() => EmbeddedPostgres.open(key));
      const created: Shared = { opening, users: 0 };
      opening.catch(() => {
        if (shared.get(key) === created) shared.delete(key);
      });
      shared.set(key, created);
      entry = created;
    }
    const used = entry;
    used.users++;
    let released = false;
    return {
      database: used.opening,
      release: async () => {
        if (released) return;
        released = true;
        used.users--;
        if (used.users > 0 || shared.get(key) !== used) return;
        shared.delete(key);
        const closed = used.opening.then((db) => db.close()).catch(() => undefined);
        closing.set(key, closed);
        await closed;
        if (closing.get(key) === closed) closing.delete(key);
      },
    };
  }

  private static async open(dataDir: string): Promise<EmbeddedPostgres> {
    const lock = DataDirLock.take(dataDir);
    try {
      const pglite = new PGlite(join(dataDir, 'pgdata'), { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers()}`] });
      await pglite.waitReady;
      return new EmbeddedPostgres(dataDir, pglite, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  attach(connection: SessionConnection): void {
    if (this.closed) throw new Error('The embedded database is closed');
    this.connections.add(connection);
  }

  /**
   * Runs one protocol message for `connection`. The connection keeps the session after the message
   * unless PostgreSQL said it is idle again, so the rest of its transaction (or of its extended-query
   * sequence, which ends with Sync) follows before anyone else's.
   */
  async execute(connection: SessionConnection, message: Uint8Array): Promise<BackendMessage[]> {
    if (this.closed) throw new Error('The embedded database is closed');
    if (this.discarding.has(connection)) {
      // After an error PostgreSQL ignores an extended-query sequence up to its Sync, then says it is idle.
      if (message[0] !== SYNC) return [];
      this.discarding.delete(connection);
      return [new messages.ReadyForQueryMessage(5, 'I')];
    }
    try {
      await this.lease.acquire(connection, this.waitLimitMs);
    } catch (error) {
      if (!(error instanceof SessionWaitTimeout)) throw error;
      return this.refuseAfterWait(connection, message);
    }
    let idle = false;
    try {
      if (this.closed) throw new Error('The embedded database is closed');
      if (this.searchPath !== connection.searchPath) {
        // Taken between transactions, so the setting is the session's until the next switch.
        await this.pglite.execProtocolStream(protocol.serialize.query(`SET search_path TO ${connection.searchPath}`), { throwOnError: true });
        this.searchPath = connection.searchPath;
      }
      this.lastStatement = statementOf(message) ?? this.lastStatement;
      const replies = (await this.pglite.execProtocolStream(message, { throwOnError: false })) as BackendMessage[];
      const own: BackendMessage[] = [];
      for (const reply of replies) {
        // One session hears every NOTIFY; a LISTEN was some connection's, so everyone gets it.
        if (reply.name === 'notification') this.broadcast(reply);
        else own.push(reply);
        if (reply.name === 'readyForQuery') idle = reply.status === 'I';
      }
      return own;
    } catch (error) {
      // The session's state is unknown after a failure inside PGlite: let the others see errors, not wait.
      idle = true;
      throw error;
    } finally {
      if (idle) this.lease.release(connection);
    }
  }

  /**
   * A statement that waited too long gets what PostgreSQL answers when lock_timeout runs out: the
   * holder is most likely a transaction waiting for this very statement (a query made inside a
   * transaction on another connection), which with one session would otherwise never end.
   */
  private refuseAfterWait(connection: SessionConnection, message: Uint8Array): BackendMessage[] {
    const error = new messages.DatabaseError(
      `canceling statement: waited ${this.waitLimitMs} ms for the embedded database, held by a transaction whose last statement was: ${this.lastStatement ?? 'unknown'}`,
      0,
      'error',
    );
    Object.assign(error, { severity: 'ERROR', code: LOCK_NOT_AVAILABLE });
    this.logger.warn(`${error.message}. A query inside a transaction that does not use the transaction's manager waits for that transaction forever.`);
    if (message[0] === QUERY || message[0] === SYNC) return [error, new messages.ReadyForQueryMessage(5, 'I')];
    this.discarding.add(connection);
    return [error];
  }

  /**
   * A connection went away: roll back a transaction it left open, then free the session. Called once
   * its last message was answered.
   */
  async detach(connection: SessionConnection): Promise<void> {
    this.connections.delete(connection);
    if (this.lease.holder !== connection) return;
    try {
      if (!this.closed) await this.pglite.execProtocolStream(protocol.serialize.query('ROLLBACK'), { throwOnError: false });
    } finally {
      this.lease.release(connection);
    }
  }

  private broadcast(notification: BackendMessage): void {
    for (const connection of this.connections) queueMicrotask(() => connection.emit('notification', notification));
  }

  private async close(): Promise<void> {
    this.closed = true;
    try {
      await this.pglite.close();
    } finally {
      this.lock.release();
    }
  }
}
