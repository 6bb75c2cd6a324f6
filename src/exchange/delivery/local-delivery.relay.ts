import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { loggableMessage } from '../../core/database/pg-errors';
import { QueueService } from '../../core/queue/queue.service';
import { RoundLoop } from '../../core/queue/round-loop';
import { DeliveryRoute } from '../domain/delivery-status';
import { DeliveryDispatcher } from '../outbox/delivery-dispatcher';
import { DeliverEnvelopeUseCase } from './deliver-envelope.use-case';
import { DeliveryAttemptsStore, LOCAL_POLICY } from './delivery-attempts.store';

// Deliveries claimed per round at most.
export const LOCAL_CLAIM_LIMIT = 500;
// How long a claimed attempt may run before its delivery is due again (its worker died mid-attempt):
// three times a local attempt's timeout.
export const LOCAL_LEASE_MS = 3 * LOCAL_POLICY.timeoutMs;
// A round that found less than a full claim waits this long, or until this process dispatches a
// local delivery: a delivery another process wrote is claimed within this long.
export const LOCAL_POLL_MS = 200;

/**
 * Deliveries to recipients served by this hub (a shared regional hub) are handed over by the worker
 * processes straight from PostgreSQL, where the outbox wrote them: no BullMQ job each. A round claims
 * the LOCAL deliveries due (DeliveryAttemptsStore.claimLocal: counted, attempts in flight, leased,
 * rows another worker holds skipped) and hands them all over at once, so their receipts and
 * acknowledgements go out in groups. A retry is due when its backoff says (next_attempt_at), and an
 * attempt whose worker died is due again when its lease ends: the table is the queue, and Redis
 * carries none of it. Issue 14: under create + issue with the importing customs served here, a BullMQ
 * job per local delivery (its add, fetch and completion, the worker's begin, receipt and
 * acknowledgement a few deliveries at a time) made a certificate cost the machine 9.6 ms of CPU
 * against 5.9 ms with the relay (`npm run bench -- pair`, 4 rounds). Jobs still in the local queue
 * (written by an earlier version of the hub) run as before (LocalDeliveryProcessor).
 */
@Injectable()
export class LocalDeliveryRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LocalDeliveryRelay');
  // A round that claimed less than a full claim pauses.
  private readonly loop = new RoundLoop({
    round: async () => (await this.round()) >= LOCAL_CLAIM_LIMIT,
    pauseMs: LOCAL_POLL_MS,
    report: (message) => this.logger.warn(`Local deliveries wait: ${message}`),
  });

  constructor(
    private readonly queues: QueueService,
    private readonly attempts: DeliveryAttemptsStore,
    private readonly deliver: DeliverEnvelopeUseCase,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.queues.onWorkersStarted(() => this.start());
    // A local delivery this process dispatched is claimed at once, not at the next poll.
    this.dispatcher.onLocalDispatched(() => this.loop.wake());
  }

  start(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** One round: claims what is due and hands it over. The number of deliveries claimed. */
  async round(): Promise<number> {
    const { started, spent } = await this.attempts.claimLocal(this.clock.now(), LOCAL_CLAIM_LIMIT, LOCAL_LEASE_MS);
    await Promise.all([
      ...started.map((attempt) => this.deliver.deliverStarted(attempt).catch((error: unknown) => this.failed(attempt.deliveryId, error))),
      // Over their budget: the locked path gives them up, as for a job.
      ...spent.map((job) => this.deliver.execute(job, DeliveryRoute.LOCAL).catch((error: unknown) => this.failed(job.deliveryId, error))),
    ]);
    return started.length + spent.length;
  }

  // The attempt stays in flight, its delivery leased: it is claimed again when the lease ends.
  private failed(deliveryId: string, error: unknown): { outcome: string } {
    this.logger.warn({ deliveryId }, `Local delivery attempt failed, tried again in ${LOCAL_LEASE_MS} ms: ${loggableMessage(error)}`);
    return { outcome: 'failed' };
  }
}
