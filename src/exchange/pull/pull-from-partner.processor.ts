import { Injectable } from '@nestjs/common';
import { OnJob } from '../../core/queue/on-job.decorator';
import { PULL_FROM_PARTNER_JOB, PULL_QUEUE, PullJobData } from './pull-schedules';
import { PullFromPartnerUseCase } from './pull-from-partner.use-case';

/** Runs the repeating pull of each partner that only offers pull (worker processes only). */
@Injectable()
export class PullFromPartnerProcessor {
  constructor(private readonly pull: PullFromPartnerUseCase) {}

  @OnJob({ name: PULL_FROM_PARTNER_JOB, queue: PULL_QUEUE })
  run(job: { data: PullJobData }): Promise<{ outcome: string; received: number }> {
    return this.pull.execute(job.data.partnerId);
  }
}
