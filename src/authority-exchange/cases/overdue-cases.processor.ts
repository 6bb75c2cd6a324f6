import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { QueueService } from '../../core/queue/queue.service';
import { MarkOverdueCasesUseCase } from './mark-overdue-cases.use-case';

// A queue of its own: handlers registered on a shared queue would each take the other's jobs.
export const CASES_QUEUE = 'verification-cases';
export const OVERDUE_JOB = 'mark-overdue-cases';

/** Runs the overdue job every hour (worker processes only); due dates are whole days apart. */
@Injectable()
export class OverdueCasesProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueService,
    private readonly overdue: MarkOverdueCasesUseCase,
  ) {}

  onModuleInit(): void {
    this.queues.register(CASES_QUEUE, async (job) => {
      if (job.name === OVERDUE_JOB) return { overdue: await this.overdue.execute() };
      return undefined;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Idempotent: every process upserts the same scheduler id.
    await this.queues.schedule(CASES_QUEUE, OVERDUE_JOB, { every: 60 * 60 * 1000 }, OVERDUE_JOB);
  }
}
