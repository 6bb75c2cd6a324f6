import { Injectable } from '@nestjs/common';
import { OnJob } from '../../core/queue/on-job.decorator';
import { MarkOverdueCasesUseCase } from './mark-overdue-cases.use-case';

export const OVERDUE_JOB = 'mark-overdue-cases';

/** Runs the overdue job every hour on the maintenance queue (worker processes only); due dates are whole days apart. */
@Injectable()
export class OverdueCasesProcessor {
  constructor(private readonly overdue: MarkOverdueCasesUseCase) {}

  @OnJob({ name: OVERDUE_JOB, every: 60 * 60 * 1000 })
  async markOverdueCases(): Promise<{ overdue: number }> {
    return { overdue: await this.overdue.execute() };
  }
}
