import type { EntityManager } from 'typeorm';

/**
 * A kind of effect that a state change collects in its unit of work: a certificate event, an audit
 * entry, an outbox row. The module that owns the kind's table declares it and registers its flusher,
 * so the unit of work (core) names no feature.
 */
export interface EffectKind<T> {
  readonly name: string;
  /**
   * Kinds are flushed in ascending order, and their after-commit steps run in the same order. An
   * audit entry, which may hold the audit chain's lock until commit, comes last.
   */
  readonly order: number;
  /** Never set: it carries the effect's type for the type checker. */
  readonly effectType?: T;
}

export function effectKind<T>(name: string, order: number): EffectKind<T> {
  return { name, order };
}

/**
 * One SQL statement with its values, placeholders numbered from $1. The unit of work joins several
 * into one data-modifying CTE, renumbering the placeholders, so the text holds no other `$` sign.
 */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** How one kind's collected effects reach the database, and what runs once they committed. */
export interface EffectFlusher<T> {
  /**
   * The kind's rows as one INSERT (no RETURNING), sent in the same statement as every other kind's
   * (issue 14: one round trip per change). A kind with a statement needs no flush.
   */
  statement?(effects: readonly T[]): SqlStatement;
  /** Writes every effect of the kind collected in the transaction (in the order they were added), before commit. */
  flush?(manager: EntityManager, effects: readonly T[]): Promise<void>;
  /** After commit, never inside the transaction (enqueueing jobs); should not throw. */
  afterCommit?(effects: readonly T[]): Promise<void>;
}

/**
 * The SQLSTATE with which a condition's SQL says it no longer holds (a PL/pgSQL RAISE ... USING
 * ERRCODE): the unit of work then rolls back, lets each condition's owner forget what it kept, and
 * runs the work once more.
 */
export const CONDITION_FAILED_SQLSTATE = 'EC001';

/**
 * A condition the change's write holds only while it is true, checked in the same statement as the
 * write (issue 14: a signing key's status is a condition of the statement that stores what it signed,
 * rather than a read of its own before). The expression is true, or raises CONDITION_FAILED_SQLSTATE.
 */
export interface WriteCondition {
  /** A boolean SQL expression, placeholders from $1 (no other `$` sign). */
  readonly sql: SqlStatement;
  /** The condition failed and the transaction rolled back: forget what this process kept that said it held. */
  onFailure(): void;
  /** The error the change fails with when the condition fails again when the work runs once more. */
  failure(): Error;
}
