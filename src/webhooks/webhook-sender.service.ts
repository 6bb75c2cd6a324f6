import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../authorities/api-keys.service';
import { Clock } from '../core/clock/clock';
import { OutboundHttp, OutboundResult } from '../core/http/outbound/outbound-http';
import { isSuccess, nextStep, retryDelayMs, shouldDisable } from './domain/delivery-policy';
import { webhookHeaders } from './domain/signature';
import { WebhookEventType } from './domain/webhook-event-type';
import { WebhookAttempt } from './entities/webhook-delivery.entity';
import { WebhookStatus } from './entities/webhook-subscription.entity';
import { insertDeliveries } from './fan-out.service';
import { updatedRows } from './updated-rows';
import { DeliveryAbout, WebhookAudience } from './webhook-audience';
import { WebhookJobs } from './webhook-jobs';
import { WebhookSecrets } from './webhook-secrets';
import { webhooksConfig } from './webhooks.config';

interface SubscriptionRow {
  id: string;
  api_key_id: string;
  owner: string;
  url: string;
  secret_sealed: Buffer;
  secret_master_key_id: string | null;
  previous_secret_sealed: Buffer | null;
  previous_secret_master_key_id: string | null;
  previous_secret_expires_at: Date | null;
  last_sequence: string;
  failing_since: Date | null;
}

interface DeliveryRow {
  id: string;
  position: string;
  sequence: string | null;
  message_id: string;
  event_type: string;
  about: DeliveryAbout;
  attempts: WebhookAttempt[];
  next_attempt_at: Date | null;
}

const MAX_RESPONSE_BYTES = 4096;
const ATTEMPTS_KEPT = 20;

/**
 * A subscription's sender: whoever holds its lease (a column, so no connection is held while a
 * receiver answers) sends its deliveries one at a time, in order, each numbered on its first attempt.
 * A failure waits its backoff, holding back what comes after; a receiver failing for too long
 * disables the subscription and its owner's other subscriptions hear of it.
 */
@Injectable()
export class WebhookSenderService {
  private readonly logger = new Logger(WebhookSenderService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbound: OutboundHttp,
    private readonly apiKeys: ApiKeysService,
    private readonly audience: WebhookAudience,
    private readonly secrets: WebhookSecrets,
    private readonly jobs: WebhookJobs,
    private readonly clock: Clock,
    @Inject(webhooksConfig.KEY) private readonly config: ConfigType<typeof webhooksConfig>,
  ) {}

  /** Sends what is due; ends when nothing is, or another sender holds the subscription. */
  async drain(subscriptionId: string): Promise<void> {
    for (;;) {
      const subscription = await this.lease(subscriptionId);
      if (!subscription) return;
      let waitMs: number | undefined;
      try {
        waitMs = await this.sendDue(subscription);
      } finally {
        await this.dataSource.query('UPDATE webhook_subscriptions SET lease_until = NULL WHERE id = $1', [subscriptionId]);
      }
      if (waitMs !== undefined) {
        await this.jobs.send([subscriptionId], waitMs);
        return;
      }
      // A delivery written while this sender finished finds no sender (its kick saw the lease): look once more.
      if (!(await this.hasDue(subscriptionId))) return;
    }
  }

  /** Sends until nothing is due; answers how long the head waits, or undefined when nothing is pending (or the subscription stopped). */
  private async sendDue(subscription: SubscriptionRow): Promise<number | undefined> {
    for (;;) {
      const pending: DeliveryRow[] = await this.dataSource.query(
        `SELECT id, position, sequence, message_id, event_type, about, attempts, next_attempt_at FROM webhook_deliveries
          WHERE subscription_id = $1 AND status = 'PENDING' ORDER BY position LIMIT 1`,
        [subscription.id],
      );
      const step = nextStep(pending.map((d) => ({ id: d.id, position: Number(d.position), nextAttemptAt: d.next_attempt_at })), this.clock.now());
      if (step.kind === 'IDLE') return undefined;
      if (step.kind === 'WAIT') return step.delayMs;
      const outcome = await this.attempt(subscription, pending[0]);
      if (outcome === 'STOPPED') return undefined;
      if (outcome === 'FAILED') {
        const [head]: { next_attempt_at: Date | null }[] = await this.dataSource.query('SELECT next_attempt_at FROM webhook_deliveries WHERE id = $1', [pending[0].id]);
        return Math.max(0, (head?.next_attempt_at?.getTime() ?? 0) - this.clock.now().getTime());
      }
      await this.renew(subscription.id);
    }
  }

  private async attempt(subscription: SubscriptionRow, delivery: DeliveryRow): Promise<'SENT' | 'SKIPPED' | 'FAILED' | 'STOPPED'> {
    // The key's caller, afresh: a revoked key's subscriptions send nothing more.
    const principal = await this.apiKeys.principalOfKey(subscription.api_key_id);
    if (!principal) {
      await this.disable(subscription, 'The API key of this subscription was revoked', false);
      return 'STOPPED';
    }
    const seen = await this.audience.seenBy(principal, delivery.about, { recordRead: true });
    if (!seen) {
      await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'SKIPPED', next_attempt_at = NULL WHERE id = $1`, [delivery.id]);
      return 'SKIPPED';
    }
    const sequence = delivery.sequence ?? (await this.number(subscription.id, delivery.id));
    const body = JSON.stringify({ type: delivery.event_type, timestamp: delivery.about.occurredAt, sequence: Number(sequence), subscriptionId: subscription.id, data: seen.data });
    const now = this.clock.now();
    const headers = webhookHeaders(this.signingSecrets(subscription, now), delivery.message_id, Math.floor(now.getTime() / 1000), body);
    const started = Date.now();
    const result = await this.outbound.request({
      url: subscription.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'ecoo-hub-webhooks', ...headers },
      body,
      timeoutMs: this.config.timeoutMs,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      pool: { key: `webhook-${subscription.id}`, connections: 1 },
    });
    const error = errorOf(result);
    const attempt: WebhookAttempt = { at: now.toISOString(), status: result.kind === 'RESPONSE' ? result.status : null, error, durationMs: Date.now() - started };
    const attempts = [...delivery.attempts, attempt].slice(-ATTEMPTS_KEPT);
    if (!error) {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE webhook_deliveries SET status = 'DELIVERED', delivered_at = now(), next_attempt_at = NULL, attempts = $2 WHERE id = $1`, [delivery.id, JSON.stringify(attempts)]);
        await manager.query('UPDATE webhook_subscriptions SET failing_since = NULL, last_error = NULL WHERE id = $1', [subscription.id]);
      });
      return 'SENT';
    }
    const failingSince = subscription.failing_since ?? now;
    const next = new Date(now.getTime() + retryDelayMs(delivery.attempts.length + 1, this.config.retryBaseMs, this.config.retryMaxMs));
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE webhook_deliveries SET next_attempt_at = $2, attempts = $3 WHERE id = $1', [delivery.id, next, JSON.stringify(attempts)]);
      await manager.query('UPDATE webhook_subscriptions SET failing_since = $2, last_error = $3 WHERE id = $1', [subscription.id, failingSince, error]);
    });
    subscription.failing_since = failingSince;
    if (shouldDisable(failingSince, now, this.config.disableAfterMs)) {
      await this.disable(subscription, error, true);
      return 'STOPPED';
    }
    return 'FAILED';
  }

  /** The next sequence number of the subscription, given to the delivery on its first attempt (the lease holder alone numbers). */
  private async number(subscriptionId: string, deliveryId: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = updatedRows<{ last_sequence: string }>(await manager.query('UPDATE webhook_subscriptions SET last_sequence = last_sequence + 1 WHERE id = $1 RETURNING last_sequence', [subscriptionId]));
      await manager.query('UPDATE webhook_deliveries SET sequence = $2 WHERE id = $1', [deliveryId, row.last_sequence]);
      return row.last_sequence;
    });
  }

  private signingSecrets(subscription: SubscriptionRow, now: Date): string[] {
    const secrets = [this.secrets.open(subscription.secret_sealed, subscription.secret_master_key_id, subscription.id)];
    if (subscription.previous_secret_sealed && subscription.previous_secret_expires_at && subscription.previous_secret_expires_at > now) {
      secrets.push(this.secrets.open(subscription.previous_secret_sealed, subscription.previous_secret_master_key_id, subscription.id));
    }
    return secrets;
  }

  /** Stops the subscription; when its receiver failed for too long, the owner's other active subscriptions that asked hear of it. */
  private async disable(subscription: SubscriptionRow, reason: string, tellOwner: boolean): Promise<void> {
    const notified = await this.dataSource.transaction(async (manager) => {
      const [changed] = updatedRows<{ disabled_at: Date }>(
        await manager.query(`UPDATE webhook_subscriptions SET status = $2, disabled_at = now(), last_error = $3 WHERE id = $1 AND status = $4 RETURNING disabled_at`, [
          subscription.id,
          WebhookStatus.DISABLED,
          reason,
          WebhookStatus.ACTIVE,
        ]),
      );
      if (!changed || !tellOwner) return [];
      const others: { id: string }[] = await manager.query(
        `SELECT id FROM webhook_subscriptions WHERE owner = $1 AND id <> $2 AND status = $3 AND $4 = ANY(event_types) ORDER BY created_at, id`,
        [subscription.owner, subscription.id, WebhookStatus.ACTIVE, WebhookEventType.WEBHOOK_DISABLED],
      );
      const about: DeliveryAbout = { kind: 'NOTICE', occurredAt: changed.disabled_at.toISOString(), data: { webhook: { id: subscription.id, url: subscription.url, status: WebhookStatus.DISABLED, lastError: reason } } };
      await insertDeliveries((text, values) => manager.query(text, values), others.map((o) => ({ subscriptionId: o.id, eventType: WebhookEventType.WEBHOOK_DISABLED, eventSeq: null, about })));
      return others.map((o) => o.id);
    });
    this.logger.warn({ webhook: subscription.id }, `Webhook disabled: ${reason}`);
    await this.jobs.send(notified);
  }

  private async lease(subscriptionId: string): Promise<SubscriptionRow | undefined> {
    const [row] = updatedRows<SubscriptionRow>(
      await this.dataSource.query(
      `UPDATE webhook_subscriptions SET lease_until = now() + make_interval(secs => $2) WHERE id = $1 AND status = $3 AND (lease_until IS NULL OR lease_until < now())
       RETURNING id, api_key_id, owner, url, secret_sealed, secret_master_key_id, previous_secret_sealed, previous_secret_master_key_id, previous_secret_expires_at, last_sequence, failing_since`,
      [subscriptionId, this.leaseSeconds(), WebhookStatus.ACTIVE],
      ),
    );
    return row;
  }

  private async renew(subscriptionId: string): Promise<void> {
    await this.dataSource.query('UPDATE webhook_subscriptions SET lease_until = now() + make_interval(secs => $2) WHERE id = $1', [subscriptionId, this.leaseSeconds()]);
  }

  // Longer than one attempt can take (it is renewed after each), so a live sender never loses it; a
  // stopped one's (a process that died, or closed while sending) lapses soon after.
  private leaseSeconds(): number {
    return Math.ceil((this.config.timeoutMs + 5_000) / 1000);
  }

  private async hasDue(subscriptionId: string): Promise<boolean> {
    const [row]: { due: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.subscription_id = $1 AND d.status = 'PENDING' AND s.status = $2 AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now())) AS due`,
      [subscriptionId, WebhookStatus.ACTIVE],
    );
    return row.due;
  }
}

/** Why an attempt failed, for the subscription's lastError; null when the receiver took it (any 2xx). */
export function errorOf(result: OutboundResult): string | null {
  switch (result.kind) {
    case 'RESPONSE':
      return isSuccess(result.status) ? null : `HTTP ${result.status}`;
    case 'TIMEOUT':
      return `no answer within ${result.afterMs} ms`;
    case 'NETWORK_ERROR':
      return `network error ${result.code}`;
    case 'REFUSED':
      return `refused by the outbound policy: ${result.problems.map((p) => p.message).join('; ')}`;
  }
}
