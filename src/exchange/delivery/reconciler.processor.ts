import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { QueueService } from '../../core/queue/queue.service';
import { exchangeConfig } from '../exchange.config';
import { ReconcileDeliveriesUseCase } from './reconcile-deliveries.use-case';

// A queue of its own: the maintenance queue's worker belongs to the certificates module.
export const EXCHANGE_MAINTENANCE_QUEUE = 'exchange-maintenance';
export const RECONCILE_JOB = 'reconcile-deliveries';

/** Runs the reconciler every HUB_RECONCILE_EVERY_MS (worker processes only). */
@Injectable()
export class ReconcilerProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueService,
    private readonly reconcile: ReconcileDeliveriesUseCase,
    @Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>,
  ) {}

  onModuleInit(): void {
    this.queues.register(EXCHANGE_MAINTENANCE_QUEUE, async (job) => (job.name === RECONCILE_JOB ? { enqueued: await this.reconcile.execute() } : undefined));
  }

  async onApplicationBootstrap(): Promise<void> {
    // Idempotent: every process upserts the same scheduler id.
    await this.queues.schedule(EXCHANGE_MAINTENANCE_QUEUE, RECONCILE_JOB, { every: this.config.reconcileEveryMs }, RECONCILE_JOB);
  }
}
