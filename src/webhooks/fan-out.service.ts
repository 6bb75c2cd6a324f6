import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiKeysService } from '../authorities/api-keys.service';
import type { Principal } from '../core/auth/principal';
import { DataSource } from 'typeorm';
import { plannedPerCall } from '../core/database/prepared-statements';
import { UnitOfWork } from '../core/unit-of-work/unit-of-work';
import { HubEventSource, webhookEventTypeOf } from './domain/webhook-event-type';
import { matchesFilter } from './domain/subscription-filter';
import { WebhookStatus } from './entities/webhook-subscription.entity';
import { DeliveryAbout, WebhookAudience } from './webhook-audience';
import { WebhookJobs } from './webhook-jobs';
import { updatedRows } from './updated-rows';

// Outbox entries turned into deliveries per transaction.
const BATCH = 200;
// Held by the fan-out (any process) while it claims entries and writes their deliveries.
const FAN_OUT_LOCK = 7_301_118;

interface OutboxRow {
  seq: string;
  source: HubEventSource;
  event_id: string;
  subject_id: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  occurred_at: Date;
}

interface SubscriptionRow {
  id: string;
  api_key_id: string;
  event_types: string[];
  filter_agreement: string | null;
  filter_partner_country: string | null;
  filter_certificate_id: string | null;
}

/** A new delivery of one subscription, for one event, with its webhook-id. */
export interface NewDelivery {
  subscriptionId: string;
  eventType: string;
  eventSeq: string | null;
  about: DeliveryAbout;
}

/** Writes deliveries at the end of their subscriptions' queues (positions from one sequence, so in the order written). */
export async function insertDeliveries(query: (text: string, values: unknown[]) => Promise<unknown>, rows: readonly NewDelivery[]): Promise<void> {
  if (rows.length === 0) return;
  const values: unknown[] = [];
  const tuples = rows.map((row, i) => {
    values.push(row.subscriptionId, `msg_${randomUUID().replace(/-/g, '')}`, row.eventType, row.eventSeq, JSON.stringify(row.about));
    const p = (k: number) => `$${i * 5 + k}`;
    return `(${p(1)}, nextval('webhook_delivery_position'), ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`;
  });
  await query(`INSERT INTO webhook_deliveries (subscription_id, position, message_id, event_type, event_seq, about) VALUES ${tuples.join(', ')}`, values);
}

/**
 * The fan-out: each outbox entry, in order, becomes one delivery per active subscription that asked
 * for its type, whose filter takes it and whose key's caller may see it, made in the order of the
 * entries.
 */
@Injectable()
export class FanOutService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly apiKeys: ApiKeysService,
    private readonly audience: WebhookAudience,
    private readonly jobs: WebhookJobs,
  ) {}

  /** Fans out until the outbox is empty. */
  async run(): Promise<number> {
    let total = 0;
    for (;;) {
      const events: OutboxRow[] = await this.dataSource.query(
        `SELECT seq, source, event_id, subject_id, type, from_status, to_status, occurred_at FROM webhook_events WHERE fanned_out_at IS NULL ORDER BY seq LIMIT ${BATCH}`,
      );
      if (events.length === 0) return total;
      total += await this.fanOut(events);
    }
  }

  /**
   * The deliveries of a batch of entries are decided first, holding no transaction (the visibility
   * reads use connections of their own); then, in one short transaction under the lock, the entries
   * still unclaimed are claimed and their deliveries written, so each entry is fanned out once and a
   * later batch's deliveries always come after an earlier one's.
   */
  private async fanOut(events: OutboxRow[]): Promise<number> {
    const subscriptions: SubscriptionRow[] = await this.dataSource.query(
      `SELECT id, api_key_id, event_types, filter_agreement, filter_partner_country, filter_certificate_id FROM webhook_subscriptions WHERE status = $1 ORDER BY created_at, id`,
      [WebhookStatus.ACTIVE],
    );
    const principals = new Map<string, Promise<Principal | undefined>>();
    const principalOf = (keyId: string) => principals.get(keyId) ?? principals.set(keyId, this.apiKeys.principalOfKey(keyId)).get(keyId)!;
    const rows: NewDelivery[] = [];
    for (const event of events) {
      const eventType = webhookEventTypeOf({ source: event.source, type: event.type, fromStatus: event.from_status, toStatus: event.to_status });
      if (!eventType) continue;
      const about: DeliveryAbout = { kind: 'EVENT', source: event.source, subjectId: event.subject_id, eventId: event.event_id, occurredAt: event.occurred_at.toISOString() };
      for (const subscription of subscriptions) {
        if (!subscription.event_types.includes(eventType)) continue;
        const principal = await principalOf(subscription.api_key_id);
        if (!principal) continue;
        const seen = await this.audience.seenBy(principal, about, { recordRead: false });
        if (!seen) continue;
        const filter = { agreement: subscription.filter_agreement, partnerCountry: subscription.filter_partner_country, certificateId: subscription.filter_certificate_id };
        if (!matchesFilter(filter, seen.facts)) continue;
        rows.push({ subscriptionId: subscription.id, eventType, eventSeq: event.seq, about });
      }
    }
    return this.uow.run(async (tx) => {
      await tx.manager.query('SELECT pg_advisory_xact_lock($1)', [FAN_OUT_LOCK]);
      const claimed: unknown = await tx.manager.query(plannedPerCall('UPDATE webhook_events SET fanned_out_at = now() WHERE seq = ANY($1::bigint[]) AND fanned_out_at IS NULL RETURNING seq'), [
        events.map((e) => e.seq),
      ]);
      const mine = new Set(updatedRows<{ seq: string }>(claimed).map((c) => c.seq));
      const written = rows.filter((r) => mine.has(r.eventSeq as string));
      await insertDeliveries((text, values) => tx.manager.query(text, values), written);
      const touched = [...new Set(written.map((r) => r.subscriptionId))];
      tx.afterCommit(() => this.jobs.send(touched));
      return mine.size;
    });
  }
}
