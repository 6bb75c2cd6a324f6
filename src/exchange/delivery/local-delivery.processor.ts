import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { QueueService } from '../../core/queue/queue.service';
import { DeliveryRoute } from '../domain/delivery-status';
import { exchangeConfig } from '../exchange.config';
import { DeliveryJobData, LOCAL_DELIVERY_QUEUE } from '../outbox/delivery-queues';
import { DeliverEnvelopeUseCase } from './deliver-envelope.use-case';

/** Deliveries to recipients served by this hub itself run on a queue of their own. */
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
