import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { hubConfig } from '../../core/config/hub.config';
import { AttemptDecision, decideAfterAttempt } from '../domain/attempt-decision';
import { DeliveryAction, deliveryTransition } from '../domain/delivery-lifecycle';
import { AttemptOutcome, DeliveryRoute, DeliveryStatus } from '../domain/delivery-status';
import { Envelope, unsignedPart } from '../domain/envelope';
import { EnvelopeRefresh } from '../domain/envelope-refresh';
import { Classification, RetrySchedule } from '../domain/retry-policy';
import { DeliveryAttemptEntity } from '../entities/delivery-attempt.entity';
import { DeliveryEntity } from '../entities/delivery.entity';
import { PartnerEntity } from '../entities/partner.entity';
import { DeliveryJobData } from '../outbox/delivery-queues';
import { openSecret } from '../partners/partner-secret-box';
import { EnvelopeSigner } from '../signing/envelope-signer';
import { CircuitBreakerStore } from './circuit-breaker.store';

// A recipient served by this hub has no partner settings: a modest budget of its own.
export const LOCAL_POLICY = { maxAttempts: 10, schedule: { baseDelayMs: 1000, maxDelayMs: 60_000 }, timeoutMs: 10_000 };

export interface StartedAttempt {
  attemptId: string;
  deliveryId: string;
  generation: number;
  envelope: Envelope;
  startedAt: Date;
  route: DeliveryRoute;
  partner: PartnerEntity | null;
  bearerToken?: string;
  timeoutMs: number;
}

export type AttemptStart =
  | { kind: 'SKIP'; reason: string }
  | { kind: 'WAIT'; reason: string; delayMs: number }
  | { kind: 'SETTLED'; status: DeliveryStatus; reason: string }
  | { kind: 'SEND'; attempt: StartedAttempt };

export type AttemptFinish = { kind: 'STALE' } | ({ kind: 'DECIDED' } & AttemptDecision);

function policyOf(partner: PartnerEntity | null): { maxAttempts: number; schedule: RetrySchedule } {
  return partner ? { maxAttempts: partner.maxAttempts, schedule: { baseDelayMs: partner.baseDelayMs, maxDelayMs: partner.maxDelayMs } } : LOCAL_POLICY;
}

/**
 * The PostgreSQL side of an attempt, in two short transactions around the call (never one held open
 * across it): `begin` checks the delivery is still due, the partner not paused, the circuit closed,
 * and counts the attempt before it is made; `finish` records its outcome and moves the delivery.
 */
@Injectable()
export class DeliveryAttemptsStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly circuits: CircuitBreakerStore,
    private readonly signer: EnvelopeSigner,
    @Inject(hubConfig.KEY) private readonly hub: ConfigType<typeof hubConfig>,
  ) {}

  begin(job: DeliveryJobData, now: Date): Promise<AttemptStart> {
    return this.dataSource.transaction(async (manager): Promise<AttemptStart> => {
      const delivery = await this.lockDelivery(manager, job.deliveryId);
      if (!delivery) return { kind: 'SKIP', reason: 'no such delivery' };
      if (delivery.generation !== job.generation) return { kind: 'SKIP', reason: `generation ${job.generation} was superseded by ${delivery.generation}` };
      if (delivery.status !== DeliveryStatus.PENDING) return { kind: 'SKIP', reason: `the delivery is ${delivery.status}` };
      const partner = delivery.partnerId ? await manager.findOne(PartnerEntity, { where: { id: delivery.partnerId } }) : null;
      // Resuming the partner enqueues what waited; until then there is no job to keep.
      if (partner?.paused) return { kind: 'SKIP', reason: `partner ${partner.code} is paused` };
      const policy = policyOf(partner);
      const giveUp = deliveryTransition(delivery.status, DeliveryAction.GIVE_UP, { attempts: delivery.attempts, maxAttempts: policy.maxAttempts });
      if (giveUp.ok) {
        // The last attempt never finished (its worker died mid-call), or the budget was lowered.
        const error = `${delivery.lastError ?? 'no answer recorded'}; the retry budget of ${policy.maxAttempts} attempts is spent`;
        await manager.update(DeliveryEntity, { id: delivery.id }, { status: giveUp.to, lastError: error, nextAttemptAt: null });
        return { kind: 'SETTLED', status: giveUp.to, reason: error };
      }
      if (partner) {
        const permission = await this.circuits.permit(manager, partner, now);
        if (!permission.allowed) {
          await manager.update(DeliveryEntity, { id: delivery.id }, { nextAttemptAt: permission.retryAt });
          return { kind: 'WAIT', reason: `${permission.reason} for partner ${partner.code}`, delayMs: Math.max(0, permission.retryAt.getTime() - now.getTime()) };
        }
      }
      const bearerToken = partner?.outboundTokenSealed ? openSecret(partner.outboundTokenSealed, this.hub.masterKey ?? '', partner.code) : undefined;
      const number = delivery.attempts + 1;
      await manager.update(DeliveryEntity, { id: delivery.id }, { attempts: number, nextAttemptAt: null });
      const attempt = await manager.save(
        manager.create(DeliveryAttemptEntity, { deliveryId: delivery.id, generation: delivery.generation, number, startedAt: now, finishedAt: null, outcome: AttemptOutcome.IN_FLIGHT }),
      );
      return {
        kind: 'SEND',
        attempt: {
          attemptId: attempt.id,
          deliveryId: delivery.id,
          generation: delivery.generation,
          envelope: delivery.envelope as Envelope,
          startedAt: now,
          route: delivery.route,
          partner,
          bearerToken,
          timeoutMs: partner?.timeoutMs ?? LOCAL_POLICY.timeoutMs,
        },
      };
    });
  }

  finish(started: StartedAttempt, classification: Classification, now: Date): Promise<AttemptFinish> {
    return this.dataSource.transaction(async (manager): Promise<AttemptFinish> => {
      const delivery = await this.lockDelivery(manager, started.deliveryId);
      const policy = policyOf(started.partner);
      const decision = decideAfterAttempt({
        classification,
        attempts: delivery?.attempts ?? 1,
        maxAttempts: policy.maxAttempts,
        schedule: policy.schedule,
        now,
        random: Math.random,
        envelope: { createdAt: started.envelope.createdAt, sentAt: started.startedAt, earlierCreatedAt: delivery?.earlierCreatedAt ?? [] },
      });
      await manager.update(DeliveryAttemptEntity, { id: started.attemptId }, {
        finishedAt: now,
        outcome: decision.outcome,
        httpStatus: 'httpStatus' in classification ? (classification.httpStatus ?? null) : null,
        error: decision.error ?? null,
        retryAfterMs: classification.kind === 'RETRY' ? (classification.retryAfterMs ?? null) : null,
      });
      if (started.partner) await this.circuits.record(manager, started.partner, classification.kind === 'RETRY' ? 'FAILED' : 'ANSWERED', now);
      // Another attempt settled it meanwhile, or the operator started a new generation.
      if (!delivery || delivery.status !== DeliveryStatus.PENDING || delivery.generation !== started.generation) return { kind: 'STALE' };
      await manager.update(DeliveryEntity, { id: delivery.id }, {
        status: decision.status,
        lastError: decision.error ?? null,
        nextAttemptAt: decision.retryAt ?? null,
        ...(decision.acknowledgement && { acknowledgement: decision.acknowledgement, acknowledgedAt: now }),
        ...(decision.refresh && (await this.refreshed(manager, delivery.envelope as Envelope, decision.refresh))),
      });
      return { kind: 'DECIDED', ...decision };
    });
  }

  /** The envelope signed again as the decision says, in this transaction (the node key's status is read in it). */
  private async refreshed(manager: EntityManager, envelope: Envelope, refresh: EnvelopeRefresh): Promise<QueryDeepPartialEntity<DeliveryEntity>> {
    const signed = await this.signer.sign(manager, { ...unsignedPart(envelope), to: envelope.to, createdAt: refresh.createdAt });
    // jsonb content is not something TypeORM's deep-partial type can follow.
    return { envelope: signed, earlierCreatedAt: refresh.earlierCreatedAt } as unknown as QueryDeepPartialEntity<DeliveryEntity>;
  }

  private lockDelivery(manager: EntityManager, id: string): Promise<DeliveryEntity | null> {
    return manager.createQueryBuilder(DeliveryEntity, 'd').setLock('pessimistic_write').where('d.id = :id', { id }).getOne();
  }
}
