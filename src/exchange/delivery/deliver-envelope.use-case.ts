import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { RetryLaterError } from '../../core/queue/retry-later.error';
import { DeliveryAction } from '../domain/delivery-lifecycle';
import { DeliveryRoute } from '../domain/delivery-status';
import { Classification, classifyTransportResult } from '../domain/retry-policy';
import { TransportResult } from '../domain/transport-result';
import { DeliveryJobData, partnerQueueName } from '../outbox/delivery-queues';
import { QueueService } from '../../core/queue/queue.service';
import { ReceiptPolicy } from '../receipts/domain/receipt-rules';
import { ReceiptGate } from '../receipts/receipt-gate';
import { HttpEnvelopeTransport } from '../transport/http-envelope-transport';
import { LocalEnvelopeTransport } from '../transport/local-envelope-transport';
import { DeliveryAttemptsStore, StartedAttempt } from './delivery-attempts.store';

/**
 * One delivery job: one attempt to hand the envelope over. A retryable failure within the budget
 * throws RetryLaterError with the delay the retry policy chose, so BullMQ runs the same job again
 * then; every other outcome ends the job. The truth (attempts, state, acknowledgement) is written to
 * PostgreSQL before the job ends either way.
 */
@Injectable()
export class DeliverEnvelopeUseCase {
  private readonly logger = new Logger(DeliverEnvelopeUseCase.name);

  constructor(
    private readonly attempts: DeliveryAttemptsStore,
    private readonly http: HttpEnvelopeTransport,
    private readonly local: LocalEnvelopeTransport,
    private readonly clock: Clock,
    private readonly queues: QueueService,
    private readonly receipts: ReceiptGate,
  ) {}

  /** `queue`: the route of the queue the job came from (the local queue's jobs are begun apart). */
  async execute(job: DeliveryJobData, queue: DeliveryRoute = DeliveryRoute.PARTNER): Promise<{ outcome: string }> {
    const start = await this.attempts.begin(job, this.clock.now(), queue);
    switch (start.kind) {
      case 'SKIP':
        return { outcome: `skipped: ${start.reason}` };
      case 'SETTLED':
        this.logger.warn({ deliveryId: job.deliveryId }, `Delivery ${start.status}: ${start.reason}`);
        return { outcome: start.status };
      case 'WAIT':
        throw new RetryLaterError(start.reason, start.delayMs);
      case 'SEND':
        return this.send(start.attempt);
    }
  }

  /**
   * An attempt the local relay started (DeliveryAttemptsStore.claimLocal): handed over, judged and
   * recorded as a job's is. A retry is written as due when its decision says, and the relay finds it
   * then: it is answered, not thrown.
   */
  async deliverStarted(attempt: StartedAttempt): Promise<{ outcome: string }> {
    try {
      return await this.send(attempt);
    } catch (error) {
      if (error instanceof RetryLaterError) return { outcome: `retry in ${error.delayMs} ms: ${error.message}` };
      throw error;
    }
  }

  private async send(attempt: StartedAttempt): Promise<{ outcome: string }> {
    const result = await this.transport(attempt);
    const classification = await this.receipts.judge(classifyTransportResult(result, attempt.envelope.envelopeId, this.clock.now()), attempt.partner, attempt.envelope);
    const finished = await this.attempts.finish(attempt, classification, this.clock.now());
    const context = { deliveryId: attempt.deliveryId, envelopeId: attempt.envelope.envelopeId, partner: attempt.partner?.code ?? 'local' };
    if (finished.kind === 'STALE') return { outcome: 'stale' };
    if (finished.action === DeliveryAction.RETRY) {
      await this.holdPartner(attempt, classification);
      throw new RetryLaterError(finished.error ?? 'retry', finished.retryDelayMs ?? 0);
    }
    if (finished.action === DeliveryAction.ACKNOWLEDGE) this.logger.debug(context, `Delivery ${finished.status}`);
    else this.logger.warn(context, `Delivery FAILED: ${finished.error}`);
    return { outcome: finished.status };
  }

  /**
   * A partner that answered with Retry-After (RFC 9110 section 10.2.3) asked for no call at all for
   * that long, not just no repeat of this one: its whole queue is held, in every worker process,
   * for as long as it said (parseRetryAfter bounds it).
   */
  private async holdPartner(attempt: StartedAttempt, classification: Classification): Promise<void> {
    const partner = attempt.partner;
    if (!partner || classification.kind !== 'RETRY' || !classification.retryAfterMs) return;
    try {
      await this.queues.rateLimit(partnerQueueName(partner.id), classification.retryAfterMs);
    } catch (error) {
      // The delivery itself waits anyway (its job is delayed); only its siblings may call sooner.
      this.logger.warn({ partner: partner.code }, `Partner queue not held for Retry-After: ${(error as Error).message}`);
    }
  }

  private transport(attempt: StartedAttempt): Promise<TransportResult> {
    if (attempt.route === DeliveryRoute.LOCAL) return this.local.send({ timeoutMs: attempt.timeoutMs }, attempt.envelope);
    const partner = attempt.partner;
    return this.http.send(
      {
        endpointUrl: partner?.endpointUrl ?? undefined,
        bearerToken: attempt.bearerToken,
        timeoutMs: attempt.timeoutMs,
        askReceipt: partner?.receipts === ReceiptPolicy.SIGNED,
        pool: partner ? { key: `${partner.id}/${partner.poolConnections}`, connections: partner.poolConnections } : undefined },
      attempt.envelope,
    );
  }
}
