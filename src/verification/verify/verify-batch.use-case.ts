import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { Principal } from '../../core/auth/principal';
import { DomainError } from '../../core/errors/domain-error';
import { toProblem } from '../../core/errors/problem.filter';
import { RequestError } from '../../core/errors/request-error';
import { readBatch } from '../../core/http/batch-body';
import { PUBLIC_VERIFICATION_SCOPE, tooManyVerifications } from '../public/public-rate-limit.guard';
import { PublicRateLimiter, RateDecision } from '../../core/http/rate-limit/public-rate-limiter';
import { verificationConfig } from '../verification.config';
import { subjectFromJson, VerificationInputRule, VerificationMethod, VerificationSubject } from './domain/verification-input';
import { VerificationBatchItemView, VerificationBatchView } from '../dto/verification-batch.view';
import { VerificationCaller, VerifyCertificateUseCase } from './verify-certificate.use-case';

// References verified at once: each verification reads on a few pooled connections of its own.
const CONCURRENCY = 4;

/** The verdicts; `rate`, for an anonymous caller, is the public limit after counting every reference. */
export type VerificationBatchAnswer = { view: VerificationBatchView; rate?: RateDecision } | { refused: RateDecision };

/**
 * POST /v1/verifications/batch: one verdict per reference, each by the single verification's use case
 * (so each is logged as it is today). Without an API key every reference counts as one attempt
 * against the public limit; the references beyond what the limit grants get a 429 each, and a batch
 * granted none is a 429 itself.
 */
@Injectable()
export class VerifyBatchUseCase {
  constructor(
    private readonly verify: VerifyCertificateUseCase,
    private readonly limiter: PublicRateLimiter,
    @Inject(verificationConfig.KEY) private readonly config: ConfigType<typeof verificationConfig>,
  ) {}

  async execute(body: unknown, caller: VerificationCaller & { principal?: Principal; address: string }, request: { id?: string; url?: string }): Promise<VerificationBatchAnswer> {
    const read = readBatch(body, 'references');
    if ('violations' in read) throw RequestError.validation(read.violations);
    let rate: RateDecision | undefined;
    if (!caller.principal) {
      rate = await this.limiter.consume(PUBLIC_VERIFICATION_SCOPE, caller.address, { limit: this.config.publicRateLimit, windowSeconds: this.config.publicRateWindowSeconds }, read.items.length);
      if (rate.granted === 0) return { refused: rate };
    }
    const granted = rate?.granted ?? read.items.length;
    const results: VerificationBatchItemView[] = new Array(read.items.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < read.items.length; index = next++) {
        results[index] = await this.item(read.items[index], index, index < granted ? undefined : rate, caller, request);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, read.items.length) }, worker));
    const verified = results.filter((r) => r.verification).length;
    return { view: { verified, failed: results.length - verified, results }, rate };
  }

  private async item(item: unknown, index: number, refusedBy: RateDecision | undefined, caller: VerificationCaller, request: { id?: string; url?: string }): Promise<VerificationBatchItemView> {
    try {
      const subject = referenceOf(item);
      if (refusedBy) throw tooManyVerifications(refusedBy);
      const verification = await this.verify.execute(subject, caller);
      // A reference never yields null (only an unknown page token does).
      if (!verification) throw new Error('A verification by reference gave no answer');
      return { index, status: 200, verification };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const problem = toProblem(error, request);
      return { index, status: problem.status, problem };
    }
  }
}

/** A reference as POST /v1/verifications reads one; documents are verified one at a time there. */
function referenceOf(item: unknown): VerificationSubject {
  const read = subjectFromJson(item);
  if ('violations' in read) throw RequestError.validation(read.violations);
  if (read.subject.method !== VerificationMethod.REFERENCE) {
    throw RequestError.validation([
      {
        ruleId: VerificationInputRule.ONE_SUBJECT,
        severity: 'error',
        path: '',
        message: 'a batch verifies references only ({issuingAuthority, certificateNumber, copyNumber?}); send a document with its signature to POST /v1/verifications',
      },
    ]);
  }
  return read.subject;
}
