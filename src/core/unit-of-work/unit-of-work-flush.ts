import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { CONDITION_FAILED_SQLSTATE, SqlStatement, WriteCondition } from './effects';
import type { EffectBatch } from './pending-effects';

/**
 * Writes a transaction's collected effects before it commits: the one place that decides how they
 * reach PostgreSQL. Every kind that gives its rows as a statement goes into one data-modifying CTE,
 * together with the change's own write when the use case hands one over (Tx.flushWith): one round
 * trip for the certificate, its event, its audit entry and its outbox rows (issue 14). A kind that
 * only has a flush function is written by it after the joined statement (its rows may name the
 * certificate the lead statement inserts), in kind order.
 */
@Injectable()
export class UnitOfWorkFlush {
  async flush(manager: EntityManager, batches: readonly EffectBatch[], lead?: SqlStatement, conditions: readonly WriteCondition[] = []): Promise<unknown[]> {
    const statements = batches.flatMap((batch) => (batch.flusher.statement ? [batch.flusher.statement(batch.effects)] : []));
    const joined = joinStatements(statements, lead, conditions.map((condition) => condition.sql));
    let rows: unknown[] = [];
    if (joined) {
      try {
        rows = rowsOf(await manager.query(joined.text, joined.values));
      } catch (error) {
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === CONDITION_FAILED_SQLSTATE) throw new ConditionFailed(conditions);
        throw error;
      }
      // Under conditions, a lead that wrote nothing still answers the conditions' one row, all null.
      if (conditions.length > 0) rows = lead ? rows.filter((row) => Object.values(row as object).some((value) => value !== null)) : [];
    }
    for (const batch of batches) {
      if (!batch.flusher.statement && batch.flusher.flush) await batch.flusher.flush(manager, batch.effects);
    }
    return rows;
  }
}

/** A condition of the change's write failed (CONDITION_FAILED_SQLSTATE): the transaction rolls back. */
export class ConditionFailed extends Error {
  constructor(readonly conditions: readonly WriteCondition[]) {
    super('A condition of the change no longer holds');
  }
}

/**
 * The effects' INSERTs as CTEs ahead of the lead statement, whose RETURNING rows are the answer;
 * without a lead, the last effect is the main statement. PostgreSQL runs every part of it on one
 * snapshot, and checks foreign keys at its end, so an event may name a certificate inserted beside it.
 *
 * Conditions (WriteCondition) go in the same statement: a CTE of one row that evaluates them all,
 * which the main query reads first (it is the preserved side of a LEFT JOIN to the lead), so they are
 * evaluated whatever the lead returns; one that fails raises, and nothing of the statement is
 * written. The data-modifying CTEs run to completion whether or not anything reads them.
 */
export function joinStatements(effects: readonly SqlStatement[], lead?: SqlStatement, conditions: readonly SqlStatement[] = []): SqlStatement | undefined {
  const parts = lead ? [...effects, lead] : [...effects];
  if (conditions.length === 0) {
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0];
  }
  const values: unknown[] = [];
  const renumber = (part: SqlStatement) => {
    const offset = values.length;
    values.push(...part.values);
    return renumbered(part.text, offset);
  };
  if (conditions.length === 0) {
    const texts = parts.map(renumber);
    const main = texts.pop() as string;
    return { text: `WITH ${texts.map((text, i) => `uow_${i} AS (${text})`).join(', ')} ${main}`, values };
  }
  const check = `uow_check AS (SELECT ${conditions.map((condition) => `(${renumber(condition)})`).join(' AND ')} AS ok)`;
  const ctes = parts.map((part, i) => `uow_${i} AS (${renumber(part)})`);
  const main = lead ? `SELECT uow_lead.* FROM uow_check LEFT JOIN uow_${parts.length - 1} AS uow_lead ON true WHERE uow_check.ok` : 'SELECT ok FROM uow_check WHERE ok';
  return { text: `WITH ${[check, ...ctes].join(', ')} ${main}`, values };
}

// TypeORM answers an UPDATE or DELETE with [rows, affected count], anything else with the rows.
function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return Array.isArray(result) ? result : [];
}

// The same few texts are joined on every change, at the same few offsets: each renumbering is
// kept, by text and offset (the regular expression was 1.2% of the API process's CPU under create +
// issue). Texts with a varying number of placeholders could grow it without end, so past
// RENUMBERED_MAX texts it starts again.
const RENUMBERED_MAX = 1000;
const renumberings = new Map<string, Map<number, string>>();

/** `text` with each placeholder $n moved up by `offset`. */
export function renumbered(text: string, offset: number): string {
  if (offset === 0) return text;
  let byOffset = renumberings.get(text);
  if (!byOffset) {
    if (renumberings.size >= RENUMBERED_MAX) renumberings.clear();
    byOffset = new Map();
    renumberings.set(text, byOffset);
  }
  let out = byOffset.get(offset);
  if (out === undefined) {
    out = text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    byOffset.set(offset, out);
  }
  return out;
}
