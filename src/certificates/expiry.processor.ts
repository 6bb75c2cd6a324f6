import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { QueueName } from '../core/queue/queue.constants';
import { QueueService } from '../core/queue/queue.service';
import { ExpireCertificatesUseCase } from './use-cases/expire-certificates.use-case';

export const EXPIRE_JOB = 'expire-certificates';

/** Runs the expiry job every hour on the maintenance queue (worker processes only). */
@Injectable()
export class ExpiryProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueService,
    private readonly expire: ExpireCertificatesUseCase,
  ) {}

  onModuleInit(): void {
    this.queues.register(QueueName.MAINTENANCE, async (job) => {
      if (job.name === EXPIRE_JOB) return { expired: await this.expire.execute() };
      return undefined;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Idempotent: every process upserts the same scheduler id.
    await this.queues.schedule(QueueName.MAINTENANCE, EXPIRE_JOB, { every: 60 * 60 * 1000 }, EXPIRE_JOB);
  }
}
