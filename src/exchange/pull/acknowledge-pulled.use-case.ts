import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { decideAfterAttempt } from '../domain/attempt-decision';
import { AttemptOutcome, DeliveryStatus } from '../domain/delivery-status';
import { Envelope, unsignedPart } from '../domain/envelope';
import { readPulledAnswer } from '../domain/pulled-answer';
import { PullAcknowledgementItemDto, PullAcknowledgementsDto, PullAcknowledgementsView, PullItemResult, PullItemResultView } from '../dto/pull.dto';
import type { PartnerEntity } from '../entities/partner.entity';
import { ReceiptGate } from '../receipts/receipt-gate';
import { EnvelopeSigner } from '../signing/envelope-signer';

/** Why an item of an acknowledgement was not taken (per item, in the 200 answer). */
export enum PullItemCode {
  /** No envelope of this id went to the caller: unknown, or another partner's (the two are not told apart). */
  PULL_ENVELOPE_UNKNOWN = 'PULL_ENVELOPE_UNKNOWN',
  /** The acknowledgement is not one of the exchange protocol, or names another envelope. */
  NOT_AN_ACKNOWLEDGEMENT = 'NOT_AN_ACKNOWLEDGEMENT',
}

interface HeldRow {
  id: string;
  partner_id: string | null;
  status: DeliveryStatus;
  generation: number;
  attempts: number;
  envelope: Envelope;
  earlier_created_at: string[];
  max_attempts: number;
  base_delay_ms: number;
  max_delay_ms: number;
  served_at: Date | null;
  attempt_id: string | null;
}

/**
 * POST /v1/exchange/pull/acknowledgements (README, "Pull mode"): each item acknowledges or refuses
 * one envelope the caller pulled, read as the answer to a push would be (domain/pulled-answer.ts)
 * and deciding by the same rules (domain/attempt-decision.ts): only an acknowledgement makes a
 * delivery DELIVERED*, a final refusal makes it FAILED with its code, a retryable one leaves it
 * PENDING until its backoff ends. The answer settles the attempt the last pull opened. An item for
 * an envelope that is not the caller's is refused with its code; one for a delivery settled before
 * (a second acknowledgement) changes nothing. A partner registered for signed receipts must sign its
 * acknowledgements, as for a push. Each item in its own short transaction.
 */
@Injectable()
export class AcknowledgePulledUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: EnvelopeSigner,
    private readonly receipts: ReceiptGate,
    private readonly clock: Clock,
  ) {}

  async execute(partner: PartnerEntity, request: PullAcknowledgementsDto): Promise<PullAcknowledgementsView> {
    const results: PullItemResultView[] = [];
    for (const item of request.acknowledgements) results.push(await this.dataSource.transaction((manager) => this.answer(manager, partner, item)));
    return { results };
  }

  private async answer(manager: EntityManager, partner: PartnerEntity, item: PullAcknowledgementItemDto): Promise<PullItemResultView> {
    const envelopeId = item.envelopeId;
    const [row]: HeldRow[] = await manager.query(
      `SELECT d.id, d.partner_id, d.status, d.generation, d.attempts, d.envelope, d.earlier_created_at, p.max_attempts, p.base_delay_ms, p.max_delay_ms,
              a.started_at AS served_at, a.id AS attempt_id
         FROM deliveries d JOIN partners p ON p.id = d.partner_id
         LEFT JOIN LATERAL (SELECT id, started_at FROM delivery_attempts
                             WHERE delivery_id = d.id AND generation = d.generation AND outcome = '${AttemptOutcome.IN_FLIGHT}'
                             ORDER BY number DESC LIMIT 1) a ON true
        WHERE d.envelope_id = $1 AND d.partner_id = $2
          FOR UPDATE OF d`,
      [envelopeId, partner.id],
    );
    if (!row) return { envelopeId, result: PullItemResult.REFUSED, code: PullItemCode.PULL_ENVELOPE_UNKNOWN, message: 'No envelope of this id was sent to your node' };
    if (row.status !== DeliveryStatus.PENDING) return { envelopeId, result: PullItemResult.ALREADY_SETTLED, deliveryStatus: row.status };
    const now = this.clock.now();
    const reading = readPulledAnswer(item, envelopeId, now);
    if (!reading.ok) return { envelopeId, result: PullItemResult.REFUSED, code: PullItemCode.NOT_AN_ACKNOWLEDGEMENT, message: reading.reason };
    // From a partner registered for signed receipts, an acknowledgement counts only with a receipt of
    // the envelope served, as for a push (exchange/receipts/receipt-gate.ts).
    const classification = await this.receipts.judge(reading.classification, partner, row.envelope);
    // An answer with no pull open (it came after the lease ran out and another pull, or without one) still counts as an attempt.
    const counted = row.attempt_id ? row.attempts : row.attempts + 1;
    const decision = decideAfterAttempt({
      classification,
      attempts: counted,
      maxAttempts: row.max_attempts,
      schedule: { baseDelayMs: row.base_delay_ms, maxDelayMs: row.max_delay_ms },
      now,
      random: Math.random,
      envelope: { createdAt: row.envelope.createdAt, sentAt: row.served_at ?? now, earlierCreatedAt: row.earlier_created_at },
    });
    const httpStatus = 'httpStatus' in classification ? (classification.httpStatus ?? null) : null;
    const attempt = [decision.outcome, httpStatus, decision.error ?? null, now];
    if (row.attempt_id) {
      await manager.query('UPDATE delivery_attempts SET outcome = $2, http_status = $3, error = $4, finished_at = $5 WHERE id = $1', [row.attempt_id, ...attempt]);
    } else {
      await manager.query('INSERT INTO delivery_attempts (delivery_id, generation, number, started_at, outcome, http_status, error, finished_at) VALUES ($1, $2, $3, $7, $4, $5, $6, $7)', [
        row.id,
        row.generation,
        counted,
        ...attempt,
      ]);
    }
    const refreshed = decision.refresh && (await this.signer.sign(manager, { ...unsignedPart(row.envelope), to: row.envelope.to, createdAt: decision.refresh.createdAt }));
    // A retry waits for its backoff before it is served again: the lease is the backoff.
    await manager.query(
      `UPDATE deliveries SET status = $2, attempts = $3, last_error = $4, lease_until = $5, next_attempt_at = NULL,
              acknowledgement = COALESCE($6::jsonb, acknowledgement), acknowledged_at = CASE WHEN $6::jsonb IS NULL THEN acknowledged_at ELSE $7 END,
              envelope = COALESCE($8::jsonb, envelope), earlier_created_at = COALESCE($9::jsonb, earlier_created_at), updated_at = now()
        WHERE id = $1`,
      [
        row.id,
        decision.status,
        counted,
        decision.error ?? null,
        decision.status === DeliveryStatus.PENDING ? (decision.retryAt ?? now) : null,
        decision.acknowledgement ? JSON.stringify(decision.acknowledgement) : null,
        now,
        refreshed ? JSON.stringify(refreshed) : null,
        decision.refresh ? JSON.stringify(decision.refresh.earlierCreatedAt) : null,
      ],
    );
    return { envelopeId, result: PullItemResult.RECORDED, deliveryStatus: decision.status };
  }
}
