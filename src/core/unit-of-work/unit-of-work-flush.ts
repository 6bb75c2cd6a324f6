import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SqlStatement } from './effects';
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
  async flush(manager: EntityManager, batches: readonly EffectBatch[], lead?: SqlStatement): Promise<unknown[]> {
    const statements = batches.flatMap((batch) => (batch.flusher.statement ? [batch.flusher.statement(batch.effects)] : []));
    const joined = joinStatements(statements, lead);
    const rows = joined ? rowsOf(await manager.query(joined.text, joined.values)) : [];
    for (const batch of batches) {
      if (!batch.flusher.statement && batch.flusher.flush) await batch.flusher.flush(manager, batch.effects);
    }
    return rows;
  }
}

/**
 * The effects' INSERTs as CTEs ahead of the lead statement, whose RETURNING rows are the answer;
 * without a lead, the last effect is the main statement. PostgreSQL runs every part of it on one
 * snapshot, and checks foreign keys at its end, so an event may name a certificate inserted beside it.
 */
export function joinStatements(effects: readonly SqlStatement[], lead?: SqlStatement): SqlStatement | undefined {
  const parts = lead ? [...effects, lead] : [...effects];
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  const values: unknown[] = [];
  const texts = parts.map((part) => {
    const offset = values.length;
    values.push(...part.values);
    return part.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  const main = texts.pop() as string;
  return { text: `WITH ${texts.map((text, i) => `uow_${i} AS (${text})`).join(', ')} ${main}`, values };
}

// TypeORM answers an UPDATE or DELETE with [rows, affected count], anything else with the rows.
function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return Array.isArray(result) ? result : [];
}
