import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { OnJob } from '../../core/queue/on-job.decorator';
import { exchangeConfig } from '../exchange.config';
import { failExhaustedPulls } from './pull-expiry';

export const PULL_EXPIRY_JOB = 'fail-exhausted-pulls';

/** A delivery never pulled, or never acknowledged, fails once its partner's budget is spent, even if the partner never calls again. */
@Injectable()
export class PullExpiryProcessor {
  private readonly logger = new Logger(PullExpiryProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(exchangeConfig.KEY) readonly config: ConfigType<typeof exchangeConfig>,
  ) {}

  @OnJob<PullExpiryProcessor>({ name: PULL_EXPIRY_JOB, every: (self) => self.config.reconcileEveryMs })
  async failExhausted(): Promise<{ failed: number }> {
    const failed = await failExhaustedPulls(this.dataSource.manager, null, this.clock.now());
    if (failed > 0) this.logger.warn(`${failed} deliver${failed === 1 ? 'y' : 'ies'} to pulling partners FAILED: not pulled and acknowledged within their budget`);
    return { failed };
  }
}
