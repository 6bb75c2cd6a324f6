import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { QueueService } from '../../core/queue/queue.service';
import { DeliverEnvelopeUseCase } from '../delivery/deliver-envelope.use-case';
import { exchangeConfig } from '../exchange.config';
import { DeliveryJobData, partnerQueueName } from '../outbox/delivery-queues';

/**
 * One BullMQ queue per partner, created at run time, so each needs a worker managed in code (a
 * static @Processor cannot follow them). Handlers are registered for every partner at start, for a
 * partner registered through this process at once, and for one registered by another process within
 * HUB_PARTNER_SYNC_EVERY_MS; QueueService starts their workers in worker processes only.
 */
@Injectable()
export class PartnerQueues implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PartnerQueues.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queues: QueueService,
    private readonly dataSource: DataSource,
    private readonly deliver: DeliverEnvelopeUseCase,
    @Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => {
      this.sync().catch((error: unknown) => this.logger.warn(`Partner queue sync: ${(error as Error).message}`));
    }, this.config.partnerSyncEveryMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  ensure(partnerId: string): void {
    this.queues.registerDynamic<DeliveryJobData>(partnerQueueName(partnerId), (job) => this.deliver.execute(job.data), this.config.deliveryConcurrency);
  }

  private async sync(): Promise<void> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM partners');
    for (const row of rows) this.ensure(row.id);
  }
}
