import type { EntityManager } from 'typeorm';
import { DeliveryMode } from '../domain/delivery-mode';
import { DeliveryStatus } from '../domain/delivery-status';
import { attemptsBudgetSpentError, timeBudgetSpentError } from '../domain/pull-lease';

/**
 * A PULL partner's deliveries that wait beyond its budget become FAILED, visible and redeliverable
 * like any other: in time (retry.maxAgeMs since the delivery became pending) or in attempts (served
 * maxAttempts times, the last lease run out unanswered). A leased delivery is left to its lease.
 * For one partner (before it is served) or all of them (the maintenance job). Returns how many.
 */
export async function failExhaustedPulls(manager: EntityManager, partnerId: string | null, now: Date): Promise<number> {
  const [, count]: [unknown[], number] = await manager.query(
    `UPDATE deliveries d SET status = '${DeliveryStatus.FAILED}', lease_until = NULL, next_attempt_at = NULL, updated_at = now(),
            last_error = CASE WHEN d.pending_since <= $2::timestamptz - p.max_age_ms * interval '1 millisecond'
                              THEN replace($3, '{s}', (p.max_age_ms / 1000)::text)
                              ELSE replace(replace($4, '{e}', COALESCE(d.last_error, $5)), '{n}', p.max_attempts::text) END
       FROM partners p
      WHERE p.id = d.partner_id AND p.delivery_mode = '${DeliveryMode.PULL}' AND ($1::uuid IS NULL OR d.partner_id = $1)
        AND d.status = '${DeliveryStatus.PENDING}' AND (d.lease_until IS NULL OR d.lease_until <= $2)
        AND (d.pending_since <= $2::timestamptz - p.max_age_ms * interval '1 millisecond' OR d.attempts >= p.max_attempts)`,
    [partnerId, now, timeBudgetSpentError('{s}'), attemptsBudgetSpentError('{e}', '{n}'), 'pulled and never acknowledged'],
  );
  return count;
}
