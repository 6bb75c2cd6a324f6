import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EffectFlusher, EffectKind, SqlStatement, WriteCondition } from './effects';
import { EffectBatch, PendingEffects } from './pending-effects';
import { ConditionFailed, UnitOfWorkFlush } from './unit-of-work-flush';

/** What a use case holds while its state change runs: the transaction, and where its effects go. */
export interface Tx {
  /** Every read and write of the change goes through this manager (DESIGN.md section 2). */
  readonly manager: EntityManager;
  /** Collects effects of a kind; they are written once, together, before commit. */
  add<T>(kind: EffectKind<T>, ...effects: T[]): void;
  /**
   * A condition checked in the next statement the change writes (its own flushWith, or the final
   * flush): see WriteCondition. When it fails, the work runs once more from the start.
   */
  require(condition: WriteCondition): void;
  /** Runs after commit (and never when the transaction rolls back). */
  afterCommit(hook: () => Promise<void>): void;
  /**
   * Runs work in a savepoint of this transaction: if it throws, only its own writes and effects are
   * undone (the error is rethrown); if it succeeds, its effects join the transaction's.
   */
  savepoint<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Writes the change's own statement (the certificate's INSERT or UPDATE, with RETURNING) together
   * with every effect collected so far, in one statement, and answers the lead's rows. Effects added
   * later go with the next flush; the work may still throw, which rolls everything back (to its
   * savepoint, in one).
   */
  flushWith(lead: SqlStatement): Promise<unknown[]>;
  /**
   * Writes every effect collected so far, now, in one statement (in a savepoint, inside it): for a
   * change whose own row was written by an earlier flushWith, so that what it added since is written
   * within its savepoint too.
   */
  flush(): Promise<void>;
}

/**
 * A state change as one unit (STYLE.md "Layout"): the work runs in a transaction and collects its
 * effects (certificate events, audit entries, outbox rows) on the Tx instead of writing each by hand;
 * they are flushed once before commit, and what must wait for the commit (enqueueing the deliveries'
 * jobs) runs after it. A rollback drops every effect and runs nothing after.
 */
@Injectable()
export class UnitOfWork {
  private readonly flushers = new Map<EffectKind<unknown>, EffectFlusher<unknown>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly flush: UnitOfWorkFlush,
  ) {}

  /** The owner of a kind says how it is flushed, once, when its module starts. */
  register<T>(kind: EffectKind<T>, flusher: EffectFlusher<T>): void {
    if (this.flushers.has(kind as EffectKind<unknown>)) throw new Error(`Two flushers for effect ${kind.name}`);
    this.flushers.set(kind as EffectKind<unknown>, flusher as EffectFlusher<unknown>);
  }

  /**
   * Runs the work in a transaction and commits it with its effects. When a condition of its write
   * failed (Tx.require: what this process kept was stale, a key revoked meanwhile), everything rolled
   * back; the conditions' owners forget what they kept and the work runs once more, reading afresh.
   * Failing again, the change fails with the condition's own error.
   */
  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return againOnceIfStale(() => this.once(work));
  }

  /**
   * A change whose one statement is its write with its effects, and which reads nothing before it (a
   * certificate created from a validated body, a verification's log entry with its audit entry): the
   * statement is sent alone, and PostgreSQL commits it as its own transaction, so the START and COMMIT
   * round trips of run() are saved (issue 14). Atomic all the same: one statement. The work may call
   * flushWith once; what it collects is otherwise written when it returns. It may not query through
   * tx.manager or open a savepoint (that fails before anything is written), and every effect it adds
   * must have a statement form. Conditions are checked in the statement and retried as in run().
   */
  async runAlone<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return againOnceIfStale(() => this.alone(work, false));
  }

  /**
   * A change that reads, then writes one statement, and whose reads need no lock because its write
   * holds only while what it read still holds (Tx.require: the row it read is still at the version
   * read, taken FOR UPDATE by the write itself). The reads go out on their own and the statement is
   * its own transaction, so the START and COMMIT round trips of run() are saved (issue 14: an issue is
   * its read and its write). Conditions are checked in the statement and retried as in run(). If the
   * work sends anything but a plain read before its statement (a write, a lock, a savepoint), nothing
   * has been written: the work runs again from the start in a transaction, as run() runs it.
   */
  async runReadThenWrite<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await againOnceIfStale(() => this.alone(work, true));
    } catch (error) {
      if (!(error instanceof NeedsTransaction)) throw error;
      return this.run(work);
    }
  }

  private async alone<T>(work: (tx: Tx) => Promise<T>, reads: boolean): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const send = runner.query.bind(runner);
    let sending = false;
    let written = false;
    // Set, before anything is written, once the work sent what only a transaction may carry; from
    // then on nothing is written, so running the work again in a transaction writes it once.
    let refused = false;
    runner.query = ((...args: Parameters<typeof send>) => {
      if (sending) return send(...args);
      if (reads && !written) {
        if (!refused && isPlainRead(args[0])) return send(...args);
        refused = true;
        return Promise.reject(new NeedsTransaction());
      }
      // After its statement committed, a change may not fall back to a transaction: it would write twice.
      return Promise.reject(new Error(`A change run alone ${reads ? 'sends nothing after its one statement' : 'reads and writes nothing but its one statement'}: use UnitOfWork.run`));
    }) as typeof runner.query;
    const writeOnce = async (batches: EffectBatch[], lead: SqlStatement | undefined, conditions: readonly WriteCondition[]): Promise<unknown[]> => {
      if (refused) throw new NeedsTransaction();
      if (written) throw new Error('A change run alone writes one statement: use UnitOfWork.run');
      const unjoinable = batches.find((batch) => !batch.flusher.statement);
      if (unjoinable) throw new Error(`Effect ${unjoinable.kind.name} cannot join a statement: use UnitOfWork.run`);
      written = true;
      sending = true;
      try {
        return await this.flush.flush(runner.manager, batches, lead, conditions);
      } finally {
        sending = false;
      }
    };
    let after: (() => Promise<void>)[];
    let value: T;
    try {
      const pending = new PendingEffects(runner.manager, this.flushers, writeOnce);
      try {
        value = await work(pending);
      } catch (error) {
        // Whatever the work made of the refusal (a wrapped or a swallowed error), it needs a transaction.
        if (refused) throw new NeedsTransaction();
        throw error;
      }
      if (refused) throw new NeedsTransaction();
      const rest = pending.seal();
      const conditions = pending.takeConditions();
      if (!written) await writeOnce(rest, undefined, conditions);
      // A programming error, and a late one: the statement has committed without them.
      else if (rest.length > 0 || conditions.length > 0) throw new Error('A change run alone added effects after its one statement: use UnitOfWork.run');
      after = pending.afterCommitSteps();
    } finally {
      await runner.release();
    }
    await runAll(after);
    return value;
  }

  private async once<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let after: (() => Promise<void>)[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const pending = new PendingEffects(manager, this.flushers, (batches, lead, conditions) => this.flush.flush(manager, batches, lead, conditions));
      const value = await work(pending);
      await this.flush.flush(manager, pending.seal(), undefined, pending.takeConditions());
      after = pending.afterCommitSteps();
      return value;
    });
    await runAll(after);
    return result;
  }
}

/** The work of runReadThenWrite sent what only a transaction may carry; nothing was written. */
class NeedsTransaction extends Error {
  constructor() {
    super('This change needs a transaction');
  }
}

/**
 * A statement that reads and nothing else: a SELECT that locks no row and calls none of the
 * functions that write, lock or notify. Anything else sent before a read-then-write change's one
 * statement makes it run in a transaction.
 */
export function isPlainRead(text: unknown): boolean {
  if (typeof text !== 'string' || !/^\s*SELECT\b/i.test(text)) return false;
  return !/\bFOR\s+(UPDATE|NO\s+KEY\s+UPDATE|SHARE|KEY\s+SHARE)\b|\b(nextval|setval|pg_advisory\w*|pg_notify|ecoo_\w+|set_config)\s*\(/i.test(text);
}

/**
 * Runs an attempt; when a condition of its write failed (ConditionFailed: everything rolled back),
 * the conditions' owners forget what they kept and it runs once more, reading afresh. Failing again,
 * it fails with the condition's own error.
 */
async function againOnceIfStale<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    forget(error.conditions);
  }
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    forget(error.conditions);
    throw error.conditions[0].failure();
  }
}

function forget(conditions: readonly WriteCondition[]): void {
  for (const condition of conditions) condition.onFailure();
}

/** Every step runs even when one fails (a failed enqueue is the reconciler's to catch up); the first failure is rethrown. */
async function runAll(steps: (() => Promise<void>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}
