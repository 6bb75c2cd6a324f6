import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { QueueService } from '../../core/queue/queue.service';
import { DeliveryRoute } from '../domain/delivery-status';
import { exchangeConfig } from '../exchange.config';
import { DeliveryJobData, LOCAL_DELIVERY_QUEUE } from '../outbox/delivery-queues';
import { DeliverEnvelopeUseCase } from './deliver-envelope.use-case';

/**
 * The queue of local delivery jobs. The hub no longer writes any (the local relay claims local
 * deliveries from PostgreSQL: LocalDeliveryRelay), but jobs an earlier version of the hub enqueued,
 * before an upgrade or from an API process not yet upgraded, still run here.
 */
@Injectable()
export class LocalDeliveryProcessor implements OnModuleInit {
  constructor(
    private readonly queues: QueueService,
    private readonly deliver: DeliverEnvelopeUseCase,
    @Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>,
  ) {}

  onModuleInit(): void {
    this.queues.register<DeliveryJobData>(LOCAL_DELIVERY_QUEUE, (job) => this.deliver.execute(job.data, DeliveryRoute.LOCAL), this.config.deliveryConcurrency);
  }
}
