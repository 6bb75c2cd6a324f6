import { Injectable, Logger } from '@nestjs/common';
import { QueueService } from '../core/queue/queue.service';
import { loggableMessage } from '../core/database/pg-errors';

// The webhooks' queues: the fan-out of the outbox into deliveries (one at a time per process), and
// the subscriptions' senders. Job ids are BullMQ's own: a kick that finds the work done ends at once.
export const FAN_OUT_QUEUE = 'webhooks-fan-out';
export const WEBHOOKS_QUEUE = 'webhooks';
export const FAN_OUT_JOB = 'fan-out';
export const SEND_JOB = 'send';

export interface SendJobData {
  subscriptionId: string;
}

/** Enqueues the webhooks' jobs; a failed enqueue is only logged: the sweep finds the work again. */
@Injectable()
export class WebhookJobs {
  private readonly logger = new Logger(WebhookJobs.name);

  constructor(private readonly queues: QueueService) {}

  async fanOut(): Promise<void> {
    await this.quietly(() => this.queues.enqueue(FAN_OUT_QUEUE, FAN_OUT_JOB, {}, { removeOnComplete: true, removeOnFail: true }));
  }

  async send(subscriptionIds: readonly string[], delayMs = 0): Promise<void> {
    if (subscriptionIds.length === 0) return;
    const jobs = subscriptionIds.map((subscriptionId) => ({ name: SEND_JOB, data: { subscriptionId } satisfies SendJobData, options: { delay: Math.max(0, Math.round(delayMs)), removeOnComplete: true, removeOnFail: true } }));
    await this.quietly(() => this.queues.enqueueBulk(WEBHOOKS_QUEUE, jobs));
  }

  private async quietly(enqueue: () => Promise<void>): Promise<void> {
    try {
      await enqueue();
    } catch (error) {
      this.logger.warn(`Webhook job not enqueued, the sweep will find its work: ${loggableMessage(error)}`);
    }
  }
}
