import { Injectable } from '@nestjs/common';
import { OnJob } from '../core/queue/on-job.decorator';
import { ExpireCertificatesUseCase } from './use-cases/expire-certificates.use-case';

export const EXPIRE_JOB = 'expire-certificates';

/** Runs the expiry job every hour on the maintenance queue (worker processes only). */
@Injectable()
export class ExpiryProcessor {
  constructor(private readonly expire: ExpireCertificatesUseCase) {}

  @OnJob({ name: EXPIRE_JOB, every: 60 * 60 * 1000 })
  async expireCertificates(): Promise<{ expired: number }> {
    return { expired: await this.expire.execute() };
  }
}
