import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { DynamicWorker, QueueService } from '../../core/queue/queue.service';
import { DeliverEnvelopeUseCase } from '../delivery/deliver-envelope.use-case';
import { exchangeConfig } from '../exchange.config';
import { DeliveryDispatcher } from '../outbox/delivery-dispatcher';
import { DeliveryJobData, partnerQueueName } from '../outbox/delivery-queues';
import { PoolMember, PoolSettings, choosePool } from '../domain/worker-pool';
import { loggableMessage } from '../../core/database/pg-errors';

// Deliveries due this soon count as due: the worker is open when their backoff ends.
const DUE_AHEAD_MS = 2000;
// A worker with nothing due closes after this long idle; one that others wait behind gives up its
// place after the lease (letting its jobs finish).
const IDLE_CLOSE_MS = 10_000;
const LEASE_MS = 30_000;
// With no stated rate, the limiter is still on (it is what holds the queue for a Retry-After).
const UNLIMITED_PER_SECOND = 1_000_000;

interface DuePartner {
  id: string;
  delivery_concurrency: number;
  rate_limit_per_second: number | null;
}

interface Live extends PoolMember {
  worker: DynamicWorker;
  settings: PoolSettings;
  closing: boolean;
}

/**
 * The delivery queues' topology (README, "Transmission"): one BullMQ queue per partner, so a slow or
 * dead partner never holds up another, served in each worker process by a bounded pool of workers
 * (HUB_DELIVERY_WORKERS) opened lazily for the partners that have deliveries due, and closed when
 * their partner has had nothing to do for a while, or when other partners wait for a place and
 * they have held theirs long enough. A worker costs a blocking Redis connection, so a hub with
 * thousands of partners holds as many connections as it has partners busy at once, at most the
 * bound. Which partners have work: this process's own dispatches at once, and every
 * HUB_PARTNER_SYNC_EVERY_MS the PostgreSQL index of pending deliveries (another process's).
 * A partner's settings apply hub-wide: its concurrency is its queue's global concurrency, its
 * stated rate the limiter of its queue.
 */
@Injectable()
export class PartnerQueues implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PartnerQueues.name);
  private readonly live = new Map<string, Live>();
  // Partners with work and no worker, in the order they asked.
  private readonly waiting = new Map<string, PoolSettings>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private syncing?: Promise<void>;

  constructor(
    private readonly queues: QueueService,
    private readonly dataSource: DataSource,
    private readonly deliver: DeliverEnvelopeUseCase,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly clock: Clock,
    @Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.onWorkersStarted(() => {
      this.running = true;
      // A dispatch to a partner whose worker is open here needs nothing more.
      this.dispatcher.onDispatched((partners) => {
        if (partners.some((id) => !this.live.has(id))) this.syncSoon();
      });
      this.syncSoon();
      this.timer = setInterval(() => this.syncSoon(), this.config.partnerSyncEveryMs);
      this.timer.unref();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await Promise.allSettled([...this.live.values()].map((live) => live.worker.close()));
    this.live.clear();
  }

  /**
   * A partner was registered or got work here: its queue is known to this process at once (so the
   * operator's queue board lists it from registration on; a queue handle holds no worker), and its
   * worker opens now rather than at the next sync.
   */
  ensure(partnerId: string): void {
    this.queues.queue(partnerQueueName(partnerId));
    this.syncSoon();
  }

  /** Workers open now, for the metrics and tests. */
  get openWorkers(): number {
    return this.live.size;
  }

  private syncSoon(): void {
    if (!this.running || this.syncing) return;
    this.syncing = this.sync()
      .catch((error: unknown) => this.logger.warn(`Partner queues: ${loggableMessage(error)}`))
      .finally(() => {
        this.syncing = undefined;
      });
  }

  private async sync(): Promise<void> {
    // Two probes of the partial index per partner: a backlog a day long costs no more than one row.
    const due: DuePartner[] = await this.dataSource.query(
      `SELECT p.id, p.delivery_concurrency, p.rate_limit_per_second FROM partners p
        WHERE p.active AND NOT p.paused AND p.delivery_mode = 'PUSH'
          AND (EXISTS (SELECT 1 FROM deliveries d WHERE d.partner_id = p.id AND d.status = 'PENDING' AND d.next_attempt_at IS NULL)
               OR EXISTS (SELECT 1 FROM deliveries d WHERE d.partner_id = p.id AND d.status = 'PENDING' AND d.next_attempt_at <= now() + $1 * interval '1 millisecond'))`,
      [DUE_AHEAD_MS],
    );
    const now = this.clock.now().getTime();
    const settings = new Map(due.map((row) => [row.id, this.settingsOf(row)]));
    const plan = choosePool({
      now,
      maxWorkers: this.config.deliveryWorkers,
      idleCloseMs: IDLE_CLOSE_MS,
      leaseMs: LEASE_MS,
      due: settings,
      live: [...this.live.values()].filter((live) => !live.closing),
      waiting: [...this.waiting.keys()],
    });
    for (const id of plan.close) void this.close(id);
    for (const [id, s] of plan.update) await this.apply(id, s);
    // The global concurrency lives in the queue store, which may have been wiped since the worker opened.
    for (const live of this.live.values()) if (!live.closing && settings.has(live.id)) await this.queues.setGlobalConcurrency(partnerQueueName(live.id), live.settings.hubConcurrency);
    this.waiting.clear();
    for (const id of plan.wait) this.waiting.set(id, settings.get(id) as PoolSettings);
    for (const id of plan.open) await this.open(id, settings.get(id) as PoolSettings);
  }

  private settingsOf(row: DuePartner): PoolSettings {
    return { concurrency: Math.min(row.delivery_concurrency, this.config.deliveryConcurrency), hubConcurrency: row.delivery_concurrency, perSecond: row.rate_limit_per_second };
  }

  private async open(partnerId: string, settings: PoolSettings): Promise<void> {
    const queue = partnerQueueName(partnerId);
    await this.queues.setGlobalConcurrency(queue, settings.hubConcurrency);
    const now = this.clock.now().getTime();
    const member: Omit<Live, 'worker'> = { id: partnerId, openedAt: now, lastActiveAt: now, inFlight: 0, settings, closing: false };
    const worker = this.queues.startDynamicWorker<DeliveryJobData>(
      queue,
      async (job) => {
        member.inFlight += 1;
        try {
          return await this.deliver.execute(job.data);
        } finally {
          member.inFlight -= 1;
          member.lastActiveAt = this.clock.now().getTime();
          // Partners wait for a place and this one may be done: look now rather than at the next tick.
          if (member.inFlight === 0 && this.waiting.size > 0) this.syncSoon();
        }
      },
      { concurrency: settings.concurrency, limiter: { max: settings.perSecond ?? UNLIMITED_PER_SECOND, duration: 1000 } },
    );
    if (worker) this.live.set(partnerId, Object.assign(member, { worker }));
  }

  /** New settings: the concurrency changes in place, a new rate needs a new worker (the limiter is fixed at its start). */
  private async apply(partnerId: string, settings: PoolSettings): Promise<void> {
    const live = this.live.get(partnerId);
    if (!live) return;
    if (live.settings.perSecond !== settings.perSecond) return void (await this.close(partnerId));
    if (live.settings.concurrency !== settings.concurrency) live.worker.setConcurrency(settings.concurrency);
    await this.queues.setGlobalConcurrency(partnerQueueName(partnerId), settings.hubConcurrency);
    live.settings = settings;
  }

  private async close(partnerId: string): Promise<void> {
    const live = this.live.get(partnerId);
    if (!live || live.closing) return;
    live.closing = true;
    try {
      await live.worker.close();
    } finally {
      // The partner may have a new worker already (it got work while this one closed): that one stays.
      if (this.live.get(partnerId) === live) this.live.delete(partnerId);
      // Its place is free: whoever waits gets it without waiting for the next tick.
      if (this.waiting.size > 0) this.syncSoon();
    }
  }
}
