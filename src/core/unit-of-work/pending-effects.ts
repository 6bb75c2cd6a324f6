import type { EntityManager } from 'typeorm';
import type { EffectFlusher, EffectKind, SqlStatement } from './effects';
import type { Tx } from './unit-of-work';

/** The effects of one kind a transaction collected, with the flusher its owner registered. */
export interface EffectBatch<T = unknown> {
  kind: EffectKind<T>;
  flusher: EffectFlusher<T>;
  effects: T[];
}

/**
 * The effects one transaction collected, per kind, in the order they were added. Adding a kind
 * nobody registered fails at once (the transaction rolls back), and so does adding after the flush.
 */
export class PendingEffects implements Tx {
  private readonly byKind = new Map<EffectKind<unknown>, EffectBatch>();
  private readonly hooks: (() => Promise<void>)[] = [];
  private sealed: EffectBatch[] | null = null;
  private flushedWithLead = false;

  constructor(
    readonly manager: EntityManager,
    private readonly flushers: ReadonlyMap<EffectKind<unknown>, EffectFlusher<unknown>>,
    private readonly write: (batches: EffectBatch[], lead: SqlStatement) => Promise<unknown[]> = () => Promise.reject(new Error('This unit of work cannot flush early')),
  ) {}

  /** Whether the work already wrote its effects (flushWith). */
  get flushed(): boolean {
    return this.flushedWithLead;
  }

  async flushWith(lead: SqlStatement): Promise<unknown[]> {
    const batches = this.seal();
    this.flushedWithLead = true;
    return this.write(batches, lead);
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
    this.sealed = [...this.byKind.values()].filter((b) => b.effects.length > 0).sort((a, b) => a.kind.order - b.kind.order);
    return this.sealed;
  }

  /** After commit: each kind's step in flush order, then the ad hoc hooks in the order they were added. */
  afterCommitSteps(): (() => Promise<void>)[] {
    const batches = this.sealed ?? [];
    const steps = batches.flatMap((b) => (b.flusher.afterCommit ? [() => (b.flusher.afterCommit as NonNullable<EffectFlusher<unknown>['afterCommit']>)(b.effects)] : []));
    return [...steps, ...this.hooks];
  }
}
