import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { QueueService } from '../../core/queue/queue.service';
import { loggableMessage } from '../../core/database/pg-errors';
import { PartnerEntity } from '../entities/partner.entity';

/** The queue of the hub's pulls from partners that only offer pull, one repeating job per partner. */
export const PULL_QUEUE = 'exchange-pull';
export const PULL_FROM_PARTNER_JOB = 'pull-from-partner';

export interface PullJobData {
  partnerId: string;
}

export function pullSchedulerId(partnerId: string): string {
  return `pull-from-${partnerId}`;
}

/**
 * One repeating job per partner the hub pulls from (a registration with pullFrom), every
 * pull_every_ms; every process upserts the same schedulers at start (idempotent), and a registration
 * or change puts its own in place at once. A deactivated partner's schedule is removed.
 */
@Injectable()
export class PullSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(PullSchedules.name);

  constructor(
    private readonly queues: QueueService,
    @InjectRepository(PartnerEntity) private readonly partners: Repository<PartnerEntity>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const partner of await this.partners.find({ where: { pullFromUrl: Not(IsNull()), active: true } })) await this.ensure(partner);
  }

  /** The partner's schedule as its registration says now; a failure is logged (the next start or change puts it back). */
  async ensure(partner: Pick<PartnerEntity, 'id' | 'active' | 'pullFromUrl' | 'pullEveryMs'>): Promise<void> {
    try {
      if (partner.active && partner.pullFromUrl) {
        const data: PullJobData = { partnerId: partner.id };
        await this.queues.schedule(PULL_QUEUE, pullSchedulerId(partner.id), { every: partner.pullEveryMs }, PULL_FROM_PARTNER_JOB, data);
      } else {
        await this.queues.unschedule(PULL_QUEUE, pullSchedulerId(partner.id));
      }
    } catch (error) {
      this.logger.warn({ partner: partner.id }, `Pull schedule not set: ${loggableMessage(error)}`);
    }
  }
}
