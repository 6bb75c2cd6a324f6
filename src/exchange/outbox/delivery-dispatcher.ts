import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { QueueService } from '../../core/queue/queue.service';
import { DELIVER_JOB, DELIVERY_JOB_OPTIONS, DeliveryJobData, deliveryJobId, deliveryQueueName } from './delivery-queues';
import { loggableMessage } from '../../core/database/pg-errors';
import { StatementBatcher } from '../../core/database/statement-batcher';

// Jobs per addBulk: one round trip to Redis each, few enough to bound the memory of one call.
const DISPATCH_SLICE = 1000;
// Deliveries read per statement when a resumed partner's backlog is enqueued.
const PENDING_PAGE = 5000;

export interface DispatchItem {
  deliveryId: string;
  generation: number;
  partnerId: string | null;
  /** When the delivery is due (a retry's backoff); now when absent or past. */
  notBefore?: Date | null;
  /** To a PULL partner: it waits to be pulled, and no job is enqueued. */
  awaitsPull?: boolean;
}

/**
 * Enqueues delivery jobs, always after the transaction that wrote the deliveries committed: one
 * addBulk per queue and slice, never a round trip per job. The jobs of changes that commit at about
 * the same time go out together: a dispatch made while two addBulk calls are in flight waits for one
 * of them and goes out with every dispatch gathered meanwhile (StatementBatcher), as the worker's
 * attempts are grouped. Under 10 clients creating and issuing, each issue enqueueing its own one job
 * was about 6% of the API process's CPU samples (BullMQ's addJobs and its pipeline, issue 14). A
 * failed enqueue (Redis down) is logged and left to the reconciler: the delivery is PENDING in
 * PostgreSQL. Listeners hear which partners got work, so a worker pool in this process can serve
 * them at once. Deliveries to recipients served by this hub get no job: the local relay claims them
 * from PostgreSQL (LocalDeliveryRelay), and one in this process is told at once.
 */
@Injectable()
export class DeliveryDispatcher {
  private readonly logger = new Logger(DeliveryDispatcher.name);
  private readonly listeners: ((partnerIds: string[]) => void)[] = [];
  private readonly localListeners: (() => void)[] = [];
  private readonly gathered = new StatementBatcher<DispatchItem, void>(
    async (items) => {
      await this.enqueue(items);
      return items.map(() => undefined);
    },
    { maxItems: DISPATCH_SLICE, maxInFlight: 2 },
  );

  constructor(
    private readonly queues: QueueService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Called with the partners that just got deliveries enqueued (the local pool wakes their workers). */
  onDispatched(listener: (partnerIds: string[]) => void): void {
    this.listeners.push(listener);
  }

  /** Called when deliveries to recipients served by this hub were dispatched (the local relay claims them). */
  onLocalDispatched(listener: () => void): void {
    this.localListeners.push(listener);
  }

  async dispatch(all: DispatchItem[]): Promise<void> {
    // A delivery to a recipient served by this hub is no job: the local relay of the worker
    // processes claims it from PostgreSQL (LocalDeliveryRelay); one in this process hears of it.
    const local = all.some((item) => item.partnerId === null && !item.awaitsPull);
    const items = all.filter((item) => item.partnerId !== null && !item.awaitsPull);
    if (local) for (const listener of this.localListeners) listener();
    if (items.length === 0) return;
    await Promise.all(items.map((item) => this.gathered.add(item)));
    const partners = [...new Set(items.flatMap((item) => (item.partnerId ? [item.partnerId] : [])))];
    for (const listener of this.listeners) listener(partners);
  }

  /** One addBulk per queue and slice for the items gathered; never throws (a failure is the reconciler's). */
  private async enqueue(items: DispatchItem[]): Promise<void> {
    const now = this.clock.now().getTime();
    const byQueue = new Map<string, DispatchItem[]>();
    for (const item of items) {
      const name = deliveryQueueName(item.partnerId);
      const queued = byQueue.get(name);
      if (queued) queued.push(item);
      else byQueue.set(name, [item]);
    }
    await Promise.all(
      [...byQueue].map(async ([queue, queued]) => {
        for (let i = 0; i < queued.length; i += DISPATCH_SLICE) await this.dispatchSlice(queue, queued.slice(i, i + DISPATCH_SLICE), now);
      }),
    );
  }

  private async dispatchSlice(queue: string, items: DispatchItem[], now: number): Promise<void> {
    const jobs = items.map((item) => {
      const data: DeliveryJobData = { deliveryId: item.deliveryId, generation: item.generation };
      const delay = item.notBefore ? Math.max(0, item.notBefore.getTime() - now) : 0;
      return { name: DELIVER_JOB, data, options: { ...DELIVERY_JOB_OPTIONS, jobId: deliveryJobId(item.deliveryId, item.generation), delay } };
    });
    try {
      await this.queues.enqueueBulk(queue, jobs);
    } catch (error) {
      this.logger.warn({ queue, deliveries: items.length }, `Deliveries not enqueued, the reconciler will: ${loggableMessage(error)}`);
    }
  }

  /** Everything still PENDING for a partner (when it is resumed), a page of deliveries per statement. */
  async dispatchPendingOf(partnerId: string): Promise<number> {
    let after: { at: string; id: string } = { at: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    let total = 0;
    for (;;) {
      const rows: { id: string; generation: number; next_attempt_at: Date | null; cursor_at: string }[] = await this.dataSource.query(
        `SELECT id, generation, next_attempt_at, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
           FROM deliveries WHERE partner_id = $1 AND status = 'PENDING' AND (created_at, id) > ($2::timestamptz, $3::uuid)
          ORDER BY created_at, id LIMIT ${PENDING_PAGE}`,
        [partnerId, after.at, after.id],
      );
      await this.dispatch(rows.map((r) => ({ deliveryId: r.id, generation: r.generation, partnerId, notBefore: r.next_attempt_at })));
      total += rows.length;
      if (rows.length < PENDING_PAGE) return total;
      after = { at: rows[rows.length - 1].cursor_at, id: rows[rows.length - 1].id };
    }
  }
}
