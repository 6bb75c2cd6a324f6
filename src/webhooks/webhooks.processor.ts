import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { ChangeNotices } from '../core/database/change-notices/change-notices';
import { OnJob } from '../core/queue/on-job.decorator';
import { QueueService } from '../core/queue/queue.service';
import { WebhookStatus } from './entities/webhook-subscription.entity';
import { FanOutService } from './fan-out.service';
import { FAN_OUT_JOB, FAN_OUT_QUEUE, SEND_JOB, SendJobData, WEBHOOKS_QUEUE, WebhookJobs } from './webhook-jobs';
import { WebhookSenderService } from './webhook-sender.service';
import { webhooksConfig } from './webhooks.config';

// The topic of the notice the outbox trigger sends as its transaction commits (migration Webhooks).
const OUTBOX_TOPIC = 'webhook-events';
// Fanned-out outbox entries are kept this long (their deliveries hold what they need).
const OUTBOX_KEPT = '1 day';

/**
 * The webhooks' jobs: the fan-out, each subscription's sender (several subscriptions at once, each
 * one delivery at a time), and a sweep that finds what a lost notice or job left behind.
 */
@Injectable()
export class WebhooksProcessor implements OnModuleInit {
  constructor(
    private readonly queues: QueueService,
    private readonly notices: ChangeNotices,
    private readonly fanOut: FanOutService,
    private readonly sender: WebhookSenderService,
    private readonly jobs: WebhookJobs,
    private readonly dataSource: DataSource,
    @Inject(webhooksConfig.KEY) readonly config: ConfigType<typeof webhooksConfig>,
  ) {}

  onModuleInit(): void {
    this.queues.register(FAN_OUT_QUEUE, async (job) => {
      if (job.name === FAN_OUT_JOB) return this.fanOut.run();
      throw new UnrecoverableError(`No handler for job "${job.name}" on queue ${FAN_OUT_QUEUE}`);
    });
    this.queues.register(
      WEBHOOKS_QUEUE,
      async (job) => {
        if (job.name === SEND_JOB) return this.sender.drain((job.data as SendJobData).subscriptionId);
        throw new UnrecoverableError(`No handler for job "${job.name}" on queue ${WEBHOOKS_QUEUE}`);
      },
      this.config.concurrency,
    );
    // A worker process fans out as soon as a change with events commits.
    this.notices.onChange((topic) => {
      if (topic === OUTBOX_TOPIC && this.queues.workersRunning) void this.jobs.fanOut();
    });
  }

  @OnJob<WebhooksProcessor>({ name: 'webhook-sweep', every: (p) => p.config.sweepMs })
  async sweep(): Promise<{ subscriptions: number }> {
    await this.jobs.fanOut();
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM webhook_subscriptions s
        WHERE s.status = $1 AND (s.lease_until IS NULL OR s.lease_until < now())
          AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'PENDING' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now()))`,
      [WebhookStatus.ACTIVE],
    );
    await this.jobs.send(due.map((d) => d.id));
    await this.dataSource.query(`DELETE FROM webhook_events WHERE fanned_out_at < now() - interval '${OUTBOX_KEPT}'`);
    return { subscriptions: due.length };
  }
}
