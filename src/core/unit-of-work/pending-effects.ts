import type { EntityManager } from 'typeorm';
import type { EffectFlusher, EffectKind, SqlStatement, WriteCondition } from './effects';
import type { Tx } from './unit-of-work';

/** The effects of one kind a transaction collected, with the flusher its owner registered. */
export interface EffectBatch<T = unknown> {
  kind: EffectKind<T>;
  flusher: EffectFlusher<T>;
  effects: T[];
}

/** Numbers the savepoints of one transaction, so nested ones never share a name. */
interface SavepointCounter {
  next: number;
  /**
   * The savepoint whose work succeeded last, not released yet: its RELEASE goes out in the statement
   * that opens the next savepoint, one round trip for both (a batch of certificates opens one an
   * item: issue 14). If none follows, the COMMIT releases it with the transaction; what runs in
   * between runs inside it, which changes nothing of what commits.
   */
  unreleased?: string;
}

/** How a unit of work writes batches together with a lead statement, answering the lead's rows. */
export type EffectWriter = (batches: EffectBatch[], lead: SqlStatement | undefined, conditions: WriteCondition[]) => Promise<unknown[]>;

const cannotFlushEarly: EffectWriter = () => Promise.reject(new Error('This unit of work cannot flush early'));

/**
 * The effects one transaction collected, per kind, in the order they were added. Adding a kind
 * nobody registered fails at once (the transaction rolls back), and so does adding after the flush.
 */
export class PendingEffects implements Tx {
  private readonly byKind = new Map<EffectKind<unknown>, EffectBatch>();
  private readonly hooks: (() => Promise<void>)[] = [];
  // Batches already written (by flushWith, here or in a savepoint) whose after-commit steps still wait for the commit.
  private readonly written: EffectBatch[] = [];
  private sealed: EffectBatch[] | null = null;
  // Conditions not yet checked: they go with the next statement written.
  private conditions: WriteCondition[] = [];

  constructor(
    readonly manager: EntityManager,
    private readonly flushers: ReadonlyMap<EffectKind<unknown>, EffectFlusher<unknown>>,
    private readonly write: EffectWriter = cannotFlushEarly,
    private readonly savepoints: SavepointCounter = { next: 0 },
  ) {}

  /**
   * Writes the effects collected so far together with the lead statement, and answers the lead's
   * rows; effects added afterwards go with the next flush. Their after-commit steps wait for the commit.
   */
  async flushWith(lead: SqlStatement): Promise<unknown[]> {
    return this.writeCollected(lead);
  }

  /** Writes the effects collected so far, in one statement (none when there are none); those added afterwards go with the next flush. */
  async flush(): Promise<void> {
    await this.writeCollected(undefined);
  }

  private async writeCollected(lead: SqlStatement | undefined): Promise<unknown[]> {
    if (this.sealed) throw new Error('A statement flushed after its unit of work was flushed');
    const batches = this.collected();
    this.byKind.clear();
    this.written.push(...batches);
    return this.write(batches, lead, this.takeConditions());
  }

  require(condition: WriteCondition): void {
    if (this.sealed) throw new Error('Condition added after its unit of work was flushed');
    this.conditions.push(condition);
  }

  /** The conditions not yet checked, handed over to the statement that checks them. */
  takeConditions(): WriteCondition[] {
    const taken = this.conditions;
    this.conditions = [];
    return taken;
  }

  /**
   * The work in a SAVEPOINT with effects of its own: kept with the transaction's when the work
   * succeeds; when it throws, its writes are rolled back to the savepoint, its effects and hooks
   * dropped, and the error rethrown, while the transaction goes on (one item of a batch failing alone).
   * Effects the work already wrote with flushWith are not written again; their after-commit steps run
   * after the commit like the others.
   */
  async savepoint<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.sealed) throw new Error('Savepoint opened after its unit of work was flushed');
    const name = `uow_${++this.savepoints.next}`;
    const release = this.savepoints.unreleased;
    this.savepoints.unreleased = undefined;
    await this.manager.query(release ? `RELEASE SAVEPOINT ${release}; SAVEPOINT ${name}` : `SAVEPOINT ${name}`);
    const inner = new PendingEffects(this.manager, this.flushers, this.write, this.savepoints);
    let value: T;
    try {
      value = await work(inner);
    } catch (error) {
      inner.sealed = [];
      // A savepoint opened within this one and left unreleased goes with it.
      this.savepoints.unreleased = undefined;
      await this.manager.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
      throw error;
    }
    // Released with the next savepoint's opening, or by the commit (releasing it releases those opened within it).
    this.savepoints.unreleased = name;
    this.written.push(...inner.written);
    for (const batch of inner.seal()) this.add(batch.kind, ...batch.effects);
    this.conditions.push(...inner.takeConditions());
    this.hooks.push(...inner.hooks);
    return value;
  }

  add<T>(kind: EffectKind<T>, ...effects: T[]): void {
    if (this.sealed) throw new Error(`Effect ${kind.name} added after its unit of work was flushed`);
    let batch = this.byKind.get(kind as EffectKind<unknown>) as EffectBatch<T> | undefined;
    if (!batch) {
      const flusher = this.flushers.get(kind as EffectKind<unknown>) as EffectFlusher<T> | undefined;
      if (!flusher) throw new Error(`No flusher registered for effect ${kind.name}: its module registers one when it starts`);
      batch = { kind, flusher, effects: [] };
      this.byKind.set(kind as EffectKind<unknown>, batch as EffectBatch);
    }
    batch.effects.push(...effects);
  }

  afterCommit(hook: () => Promise<void>): void {
    if (this.sealed) throw new Error('After-commit step added after its unit of work was flushed');
    this.hooks.push(hook);
  }

  /** The batches in flush order (by kind order, then by first use); nothing can be added afterwards. */
  seal(): EffectBatch[] {
    if (this.sealed) throw new Error('A unit of work is flushed once');
    this.sealed = this.collected();
    return this.sealed;
  }

  private collected(): EffectBatch[] {
    return [...this.byKind.values()].filter((b) => b.effects.length > 0).sort((a, b) => a.kind.order - b.kind.order);
  }

  /** After commit: each kind's step in kind order (written early or at the flush), then the ad hoc hooks in the order they were added. */
  afterCommitSteps(): (() => Promise<void>)[] {
    const batches = [...this.written, ...(this.sealed ?? [])].sort((a, b) => a.kind.order - b.kind.order);
    const steps = batches.flatMap((b) => (b.flusher.afterCommit ? [() => (b.flusher.afterCommit as NonNullable<EffectFlusher<unknown>['afterCommit']>)(b.effects)] : []));
    return [...steps, ...this.hooks];
  }
}
