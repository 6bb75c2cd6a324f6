import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { QueueService } from '../../core/queue/queue.service';
import { DELIVER_JOB, DELIVERY_JOB_OPTIONS, DeliveryJobData, deliveryJobId, deliveryQueueName } from './delivery-queues';

// Adds in flight at once: enough to fill the Redis connection's pipeline, few enough to bound memory.
const DISPATCH_SLICE = 500;

export interface DispatchItem {
  deliveryId: string;
  generation: number;
  partnerId: string | null;
  /** When the delivery is due (a retry's backoff); now when absent or past. */
  notBefore?: Date | null;
}

/**
 * Enqueues delivery jobs, always after the transaction that wrote the deliveries committed. A failed
 * enqueue (Redis down) is logged and left to the reconciler: the delivery is PENDING in PostgreSQL.
 */
@Injectable()
export class DeliveryDispatcher {
  private readonly logger = new Logger(DeliveryDispatcher.name);

  constructor(
    private readonly queues: QueueService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async dispatch(items: DispatchItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += DISPATCH_SLICE) await this.dispatchSlice(items.slice(i, i + DISPATCH_SLICE));
  }

  private async dispatchSlice(items: DispatchItem[]): Promise<void> {
    const now = this.clock.now().getTime();
    await Promise.all(
      items.map(async (item) => {
        const data: DeliveryJobData = { deliveryId: item.deliveryId, generation: item.generation };
        const delay = item.notBefore ? Math.max(0, item.notBefore.getTime() - now) : 0;
        try {
          await this.queues.enqueue(deliveryQueueName(item.partnerId), DELIVER_JOB, data, { ...DELIVERY_JOB_OPTIONS, jobId: deliveryJobId(item.deliveryId, item.generation), delay });
        } catch (error) {
          this.logger.warn({ deliveryId: item.deliveryId }, `Delivery not enqueued, the reconciler will: ${(error as Error).message}`);
        }
      }),
    );
  }

  /** Everything still PENDING for a partner (when it is resumed). */
  async dispatchPendingOf(partnerId: string): Promise<number> {
    const rows: { id: string; generation: number; next_attempt_at: Date | null }[] = await this.dataSource.query(
      `SELECT id, generation, next_attempt_at FROM deliveries WHERE partner_id = $1 AND status = 'PENDING' ORDER BY created_at`,
      [partnerId],
    );
    await this.dispatch(rows.map((r) => ({ deliveryId: r.id, generation: r.generation, partnerId, notBefore: r.next_attempt_at })));
    return rows.length;
  }
}
