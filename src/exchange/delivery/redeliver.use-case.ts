import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { DeliveryAction, deliveryTransition } from '../domain/delivery-lifecycle';
import { DeliveryRoute, DeliveryStatus } from '../domain/delivery-status';
import { Envelope, UnsignedEnvelope, unsignedPart } from '../domain/envelope';
import { EnvelopeRefresh, refreshForRedelivery } from '../domain/envelope-refresh';
import { RedeliveryView } from '../dto/delivery.view';
import { DeliveryEntity } from '../entities/delivery.entity';
import { PartnerEntity } from '../entities/partner.entity';
import { exchangeConfig } from '../exchange.config';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { DeliveryDispatcher, DispatchItem } from '../outbox/delivery-dispatcher';
import { OutboxService, deliveryColumns, insertDeliveries } from '../outbox/outbox.service';
import { EnvelopeSigner } from '../signing/envelope-signer';
import { NodeKeySource } from '../signing/node-key-source';

interface RestartedRow {
  id: string;
  generation: number;
  envelope: Envelope;
  earlier_created_at: string[];
}

/**
 * The operator sends again (DESIGN.md section 5: FAILED or UNROUTABLE back to PENDING). Each
 * redelivery is a new generation, so its job id is new and a job BullMQ retained can never swallow
 * it; the budget starts afresh and earlier attempts stay on record. An UNROUTABLE delivery is routed
 * again, and only goes when someone serves its destination now. An envelope older than
 * HUB_ENVELOPE_RESIGN_AFTER_MS, or signed with a node key no longer in use, is signed again first
 * (domain/envelope-refresh.ts), so a receiver does not refuse it as outside its replay window.
 */
@Injectable()
export class RedeliverUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly signer: EnvelopeSigner,
    private readonly nodeKeys: NodeKeySource,
    private readonly clock: Clock,
    @Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>,
  ) {}

  async one(id: string, actor: string): Promise<RedeliveryView> {
    const items = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const delivery = await manager.createQueryBuilder(DeliveryEntity, 'd').setLock('pessimistic_write').where('d.id = :id', { id }).getOne();
      if (!delivery) throw ExchangeError.deliveryNotFound();
      const { items, resigned } = delivery.status === DeliveryStatus.UNROUTABLE ? await this.reroute(manager, delivery) : await this.restart(manager, delivery);
      // The jobs go to the queues once the redelivery is committed.
      tx.afterCommit(() => this.dispatcher.dispatch(items));
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.DELIVERY_REDELIVERED,
        entityType: 'delivery',
        entityId: delivery.id,
        details: { from: delivery.status, envelopeId: delivery.envelopeId, deliveries: items.map((i) => i.deliveryId), ...(resigned && { resigned }) },
      });
      return items;
    });
    return { redelivered: items.length, deliveryIds: items.map((i) => i.deliveryId) };
  }

  /** Everything FAILED for a partner, in one transaction. */
  async failedOf(partnerId: string, actor: string): Promise<RedeliveryView> {
    const items = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const partner = await manager.findOne(PartnerEntity, { where: { id: partnerId } });
      if (!partner) throw ExchangeError.partnerNotFound();
      const [rows]: [RestartedRow[], number] = await manager.query(
        `UPDATE deliveries SET status = 'PENDING', generation = generation + 1, attempts = 0, next_attempt_at = NULL, last_error = NULL, lease_until = NULL, pending_since = now(), updated_at = now()
          WHERE partner_id = $1 AND status = 'FAILED' RETURNING id, generation, envelope, earlier_created_at`,
        [partnerId],
      );
      let resigned = 0;
      const currentKeyId = rows.length > 0 ? (await this.nodeKeys.current(manager)).keyId : '';
      for (const row of rows) {
        if (await this.refresh(manager, row.id, row.envelope, row.earlier_created_at, currentKeyId)) resigned += 1;
      }
      const items: DispatchItem[] = rows.map((r) => ({ deliveryId: r.id, generation: r.generation, partnerId }));
      tx.afterCommit(() => this.dispatcher.dispatch(items));
      if (items.length > 0) {
        tx.add(AUDIT_ENTRY, {
          actor,
          action: AuditAction.DELIVERY_REDELIVERED,
          entityType: 'partner',
          entityId: partner.code,
          details: { from: DeliveryStatus.FAILED, count: items.length, resigned },
        });
      }
      return items;
    });
    return { redelivered: items.length, deliveryIds: items.map((i) => i.deliveryId) };
  }

  private async restart(manager: EntityManager, delivery: DeliveryEntity): Promise<{ items: DispatchItem[]; resigned?: string }> {
    const result = deliveryTransition(delivery.status, DeliveryAction.REDELIVER, { attempts: delivery.attempts, maxAttempts: delivery.attempts });
    if (!result.ok) throw new ExchangeError(ExchangeErrorCode.ILLEGAL_DELIVERY_TRANSITION, result.reason, { currentStatus: delivery.status });
    const generation = delivery.generation + 1;
    await manager.update(DeliveryEntity, { id: delivery.id }, { status: result.to, generation, attempts: 0, nextAttemptAt: null, lastError: null, leaseUntil: null, pendingSince: () => 'now()' });
    const items = [{ deliveryId: delivery.id, generation, partnerId: delivery.partnerId }];
    // A LOCAL envelope carries no node signature, and no partner's replay window applies to it: it goes again as it is.
    if (delivery.route === DeliveryRoute.LOCAL) return { items };
    const currentKeyId = (await this.nodeKeys.current(manager)).keyId;
    const refresh = await this.refresh(manager, delivery.id, delivery.envelope as Envelope, delivery.earlierCreatedAt, currentKeyId);
    return { items, resigned: refresh?.note };
  }

  /** Signs a delivery's envelope again when refreshForRedelivery says so; returns what was done. */
  private async refresh(manager: EntityManager, deliveryId: string, envelope: Envelope, earlierCreatedAt: string[], currentKeyId: string): Promise<EnvelopeRefresh | undefined> {
    const refresh = refreshForRedelivery({
      createdAt: envelope.createdAt,
      keyId: envelope.signature?.keyId,
      earlierCreatedAt,
      now: this.clock.now(),
      resignAfterMs: this.config.resignAfterMs,
      currentKeyId,
    });
    if (!refresh) return undefined;
    const signed = await this.signer.sign(manager, { ...unsignedPart(envelope), to: envelope.to, createdAt: refresh.createdAt });
    await manager.query('UPDATE deliveries SET envelope = $2, earlier_created_at = $3 WHERE id = $1', [deliveryId, JSON.stringify(signed), JSON.stringify(refresh.earlierCreatedAt)]);
    return refresh;
  }

  private async reroute(manager: EntityManager, delivery: DeliveryEntity): Promise<{ items: DispatchItem[]; resigned?: string }> {
    const recipients = (await this.outbox.recipients(manager, delivery.messageType, [delivery.recipientCountry])).filter((r) => r.route !== DeliveryRoute.NONE);
    const result = deliveryTransition(delivery.status, DeliveryAction.REDELIVER, { attempts: 0, maxAttempts: 0, routeFound: recipients.length > 0 });
    if (!result.ok) throw new ExchangeError(ExchangeErrorCode.DELIVERY_UNROUTABLE, `Delivery to ${delivery.recipientCountry}: ${result.reason}`, { currentStatus: delivery.status });
    // Never sent, so nothing earlier to keep: an envelope that waited too long just gets a fresh createdAt.
    const waited = delivery.envelope as UnsignedEnvelope;
    const refresh = refreshForRedelivery({ createdAt: waited.createdAt, earlierCreatedAt: [], now: this.clock.now(), resignAfterMs: this.config.resignAfterMs, currentKeyId: '' });
    const template = refresh ? { ...waited, createdAt: refresh.createdAt } : waited;
    const about = { certificateId: delivery.certificateId, relatedCertificateId: delivery.relatedCertificateId };
    const items: DispatchItem[] = [];
    for (const [i, recipient] of recipients.entries()) {
      // The first recipient takes this delivery over (and its envelope id); any other gets one of its own.
      const row = await this.outbox.row(manager, i === 0 ? template : { ...template, envelopeId: randomUUID() }, recipient, about);
      // To a PULL partner it waits to be pulled: no job (the dispatcher leaves it out).
      const enqueue = (item: DispatchItem) => items.push(row.awaitsPull ? { ...item, awaitsPull: true } : item);
      if (i === 0) {
        const generation = delivery.generation + 1;
        const [values] = deliveryColumns([row]);
        await manager.update(DeliveryEntity, { id: delivery.id }, { ...values, generation, attempts: 0, nextAttemptAt: null, lastError: null, leaseUntil: null, pendingSince: () => 'now()' });
        enqueue({ deliveryId: delivery.id, generation, partnerId: row.partnerId });
      } else {
        const [insertedId] = await insertDeliveries(manager, [row]);
        enqueue({ deliveryId: insertedId, generation: 0, partnerId: row.partnerId });
      }
    }
    return { items, resigned: refresh?.note };
  }
}
