import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { OnJob } from '../../core/queue/on-job.decorator';
import { exchangeConfig } from '../exchange.config';
import { ReconcileDeliveriesUseCase } from './reconcile-deliveries.use-case';

export const RECONCILE_JOB = 'reconcile-deliveries';

/** Runs the reconciler every HUB_RECONCILE_EVERY_MS on the maintenance queue (worker processes only). */
@Injectable()
export class ReconcilerProcessor {
  constructor(
    private readonly reconcile: ReconcileDeliveriesUseCase,
    @Inject(exchangeConfig.KEY) readonly config: ConfigType<typeof exchangeConfig>,
  ) {}

  @OnJob<ReconcilerProcessor>({ name: RECONCILE_JOB, every: (self) => self.config.reconcileEveryMs })
  async reconcileDeliveries(): Promise<{ enqueued: number }> {
    return { enqueued: await this.reconcile.execute() };
  }
}
