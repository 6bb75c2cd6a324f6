import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueueService } from '../../core/queue/queue.service';
import { DeliveryDispatcher, DispatchItem } from '../outbox/delivery-dispatcher';
import { deliveryJobId, deliveryQueueName } from '../outbox/delivery-queues';

const PAGE = 500;

interface PendingRow {
  id: string;
  generation: number;
  partner_id: string | null;
  next_attempt_at: Date | null;
  cursor_at: string;
}

/**
 * DESIGN.md section 2: Redis carries work, never truth. Every delivery to a partner still PENDING in
 * PostgreSQL whose job is not live (Redis wiped, an enqueue lost after commit, a job removed) is
 * enqueued again under the same job id, due when the delivery says; a paused partner's deliveries
 * wait for its resumption instead, and a PULL partner's wait to be pulled. A delivery to a recipient
 * served by this hub has no job: the local relay finds it in PostgreSQL (LocalDeliveryRelay).
 * Enqueueing a delivery that has a live job is a no-op, so this is safe to run anywhere, any time.
 */
@Injectable()
export class ReconcileDeliveriesUseCase {
  private readonly logger = new Logger(ReconcileDeliveriesUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async execute(): Promise<number> {
    let enqueued = 0;
    let after: { at: string; id: string } = { at: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      const rows: PendingRow[] = await this.dataSource.query(
        `SELECT d.id, d.generation, d.partner_id, d.next_attempt_at,
                to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
           FROM deliveries d JOIN partners p ON p.id = d.partner_id
          WHERE d.status = 'PENDING' AND d.route = 'PARTNER' AND NOT p.paused AND p.delivery_mode = 'PUSH'
            AND (d.created_at, d.id) > ($1::timestamptz, $2::uuid)
          ORDER BY d.created_at, d.id LIMIT ${PAGE}`,
        [after.at, after.id],
      );
      // A page's jobs are looked up together (the connection pipelines them), not one round trip each.
      const found = await Promise.all(
        rows.map(async (row): Promise<DispatchItem | undefined> => {
          const queue = deliveryQueueName(row.partner_id);
          const jobId = deliveryJobId(row.id, row.generation);
          if (await this.queues.isLive(queue, jobId)) return undefined;
          await this.queues.removeFinished(queue, jobId);
          return { deliveryId: row.id, generation: row.generation, partnerId: row.partner_id, notBefore: row.next_attempt_at };
        }),
      );
      const orphans = found.filter((item): item is DispatchItem => item !== undefined);
      await this.dispatcher.dispatch(orphans);
      enqueued += orphans.length;
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      after = { at: last.cursor_at, id: last.id };
    }
    if (enqueued > 0) this.logger.log(`Re-enqueued ${enqueued} pending deliver${enqueued === 1 ? 'y' : 'ies'} that had no live job`);
    return enqueued;
  }
}
