import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { DeliveryMode } from '../domain/delivery-mode';
import { AttemptOutcome, DeliveryStatus } from '../domain/delivery-status';
import { Envelope, unsignedPart } from '../domain/envelope';
import { refreshForRedelivery } from '../domain/envelope-refresh';
import { leaseExpiredError } from '../domain/pull-lease';
import { PULL_DEFAULT_LEASE_MS, PULL_LIMIT_MAX, PullRequestDto, PullView } from '../dto/pull.dto';
import type { PartnerEntity } from '../entities/partner.entity';
import { exchangeConfig } from '../exchange.config';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { EnvelopeSigner } from '../signing/envelope-signer';
import { NodeKeySource } from '../signing/node-key-source';
import { failExhaustedPulls } from './pull-expiry';

interface LeasedRow {
  id: string;
  envelope: Envelope;
  earlier_created_at: string[];
  created_at: Date;
}

/**
 * The one statement that leases a page: the oldest PENDING deliveries of the partner, still routed
 * to it, whose lease ran out (or that were never served), locked with SKIP LOCKED so two pulls at
 * once take different envelopes; each gets the lease, its attempt counted and recorded IN_FLIGHT
 * (an earlier serve whose lease ran out unanswered recorded so, on the attempt and the delivery; a
 * delivery waiting out the backoff of a retryable refusal keeps that refusal as its last error).
 */
const LEASE = `WITH leased AS (
         UPDATE deliveries d SET lease_until = $3::timestamptz + $4 * interval '1 millisecond', attempts = d.attempts + 1, next_attempt_at = NULL, updated_at = now(),
                last_error = CASE WHEN EXISTS (SELECT 1 FROM delivery_attempts o WHERE o.delivery_id = d.id AND o.generation = d.generation AND o.outcome = '${AttemptOutcome.IN_FLIGHT}')
                                  THEN $5 ELSE d.last_error END
          WHERE d.id IN (
                SELECT c.id FROM deliveries c JOIN partners p ON p.id = c.partner_id
                 WHERE c.partner_id = $1 AND c.status = '${DeliveryStatus.PENDING}' AND (c.lease_until IS NULL OR c.lease_until <= $3)
                   AND p.active AND c.recipient_country = ANY(p.countries)
                 ORDER BY c.created_at, c.id
                 LIMIT $2
                   FOR UPDATE OF c SKIP LOCKED)
         RETURNING d.id, d.generation, d.attempts, d.envelope, d.earlier_created_at, d.created_at
       ), expired AS (
         UPDATE delivery_attempts a SET outcome = '${AttemptOutcome.RETRY}', finished_at = $3, error = $5
           FROM leased WHERE a.delivery_id = leased.id AND a.generation = leased.generation AND a.outcome = '${AttemptOutcome.IN_FLIGHT}'
       ), attempt AS (
         INSERT INTO delivery_attempts (delivery_id, generation, number, started_at, outcome)
         SELECT id, generation, attempts, $3, '${AttemptOutcome.IN_FLIGHT}' FROM leased
       )
       SELECT id, envelope, earlier_created_at, created_at FROM leased ORDER BY created_at, id`;

/**
 * POST /v1/exchange/pull (README, "Pull mode"): a PULL partner takes the oldest envelopes waiting
 * for it that are not acknowledged and whose lease ran out, and holds them for the lease. What
 * waited past its budget is FAILED first. An envelope older than HUB_ENVELOPE_RESIGN_AFTER_MS, or
 * signed with a node key no longer in use, is signed again as it is served (same id, a fresh
 * createdAt), as a redelivery would, so the partner's replay window does not refuse it.
 */
@Injectable()
export class ServePullUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: EnvelopeSigner,
    private readonly nodeKeys: NodeKeySource,
    private readonly clock: Clock,
    @Inject(exchangeConfig.KEY) private readonly config: ConfigType<typeof exchangeConfig>,
  ) {}

  async execute(partner: PartnerEntity, request: PullRequestDto): Promise<PullView> {
    if (partner.deliveryMode !== DeliveryMode.PULL) {
      throw new ExchangeError(ExchangeErrorCode.PULL_NOT_ENABLED, `Partner ${partner.code} is sent its envelopes (PUSH); the operator registers it as PULL to let it pull`);
    }
    const limit = request.limit ?? PULL_LIMIT_MAX;
    const leaseMs = request.leaseMs ?? PULL_DEFAULT_LEASE_MS;
    const now = this.clock.now();
    const envelopes = await this.dataSource.transaction(async (manager) => {
      await failExhaustedPulls(manager, partner.id, now);
      const rows: LeasedRow[] = await manager.query(LEASE, [partner.id, limit, now, leaseMs, leaseExpiredError(leaseMs)]);
      const currentKeyId = rows.length > 0 ? (await this.nodeKeys.current(manager)).keyId : '';
      const served: Envelope[] = [];
      for (const row of rows) served.push(await this.fresh(manager, row, currentKeyId, now));
      return served;
    });
    return { envelopes: envelopes as unknown as Record<string, unknown>[], leaseUntil: new Date(now.getTime() + leaseMs).toISOString() };
  }

  private async fresh(manager: EntityManager, row: LeasedRow, currentKeyId: string, now: Date): Promise<Envelope> {
    const refresh = refreshForRedelivery({
      createdAt: row.envelope.createdAt,
      keyId: row.envelope.signature?.keyId,
      earlierCreatedAt: row.earlier_created_at,
      now,
      resignAfterMs: this.config.resignAfterMs,
      currentKeyId,
    });
    // An envelope written while the hub had no node key (OutboxService.row) is signed as it is first served.
    const unsigned = !row.envelope.signature;
    if (!refresh && !unsigned) return row.envelope;
    const signed = await this.signer.sign(manager, { ...unsignedPart(row.envelope), to: row.envelope.to, createdAt: refresh?.createdAt ?? row.envelope.createdAt });
    await manager.query(`UPDATE deliveries SET envelope = $2, earlier_created_at = $3${unsigned ? ', last_error = NULL' : ''} WHERE id = $1`, [
      row.id,
      JSON.stringify(signed),
      JSON.stringify(refresh?.earlierCreatedAt ?? row.earlier_created_at),
    ]);
    return signed;
  }
}
