import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EffectBatch } from './pending-effects';

/**
 * Writes a transaction's collected effects before it commits: the one place that decides how they
 * reach PostgreSQL. This plain flush sends one statement per kind (each flusher writes its kind's
 * rows in one multi-row INSERT), in the kinds' order. Issue 14's throughput work replaces this class
 * alone (one data-modifying CTE, or one pipelined batch, for all kinds), not the use cases.
 */
@Injectable()
export class UnitOfWorkFlush {
  async flush(manager: EntityManager, batches: readonly EffectBatch[]): Promise<void> {
    for (const batch of batches) {
      if (batch.flusher.flush) await batch.flusher.flush(manager, batch.effects);
    }
  }
}
