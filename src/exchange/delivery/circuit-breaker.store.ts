import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOSED_CIRCUIT, CallPermission, Circuit, CircuitConfig, CircuitState, afterCall, mayCall, sameCircuit } from '../domain/circuit-breaker';
import type { PartnerEntity } from '../entities/partner.entity';

type CircuitPartner = Pick<PartnerEntity, 'id' | 'timeoutMs' | 'breakerFailureThreshold' | 'breakerCooldownMs'>;

interface CircuitRow {
  state: CircuitState;
  consecutive_failures: number;
  opened_at: Date | null;
  probe_until: Date | null;
}

function toCircuit(row: CircuitRow | undefined): Circuit {
  return row ? { state: row.state, consecutiveFailures: row.consecutive_failures, openedAt: row.opened_at, probeUntil: row.probe_until } : CLOSED_CIRCUIT;
}

// A probe may take the call's timeout, plus a margin for the bookkeeping around it.
const PROBE_MARGIN_MS = 5000;

export function circuitConfig(partner: CircuitPartner): CircuitConfig {
  return { failureThreshold: partner.breakerFailureThreshold, cooldownMs: partner.breakerCooldownMs, probeLeaseMs: partner.timeoutMs + PROBE_MARGIN_MS };
}

/**
 * The partner's circuit in PostgreSQL (partner_circuits), so every worker process sees the same one.
 * A closed circuit with no failures is only read, never locked, so healthy traffic does not queue on
 * the row; any change takes the row lock in the caller's transaction. A caller that read the
 * circuit already (with the delivery it locked) passes it as `seen`, saving that read.
 */
@Injectable()
export class CircuitBreakerStore {
  async permit(manager: EntityManager, partner: CircuitPartner, now: Date, seen?: Circuit): Promise<CallPermission> {
    seen ??= await this.read(manager, partner.id, false);
    if (seen.state === CircuitState.CLOSED) return { allowed: true, probe: false, next: seen };
    const circuit = await this.read(manager, partner.id, true);
    const permission = mayCall(circuit, circuitConfig(partner), now, Math.random);
    if (permission.allowed && !sameCircuit(permission.next, circuit)) await this.write(manager, partner.id, permission.next);
    return permission;
  }

  async record(manager: EntityManager, partner: CircuitPartner, outcome: 'ANSWERED' | 'FAILED', now: Date, seen?: Circuit): Promise<void> {
    seen ??= await this.read(manager, partner.id, false);
    if (outcome === 'ANSWERED' && sameCircuit(seen, CLOSED_CIRCUIT)) return;
    const circuit = await this.read(manager, partner.id, true);
    const next = afterCall(circuit, circuitConfig(partner), outcome, now);
    if (!sameCircuit(next, circuit)) await this.write(manager, partner.id, next);
  }

  /**
   * `record(ANSWERED)` as one statement, to run inside another (a data-modifying WITH), for every
   * partner whose id is in the uuid[] parameter `partnersParam` (such as `$9`): an answer closes the
   * circuit (afterCall), and one already closed without failures is neither written nor locked.
   */
  answeredStatementForAny(partnersParam: string): string {
    const closed = CLOSED_CIRCUIT;
    return `UPDATE partner_circuits SET state = '${closed.state}', consecutive_failures = ${closed.consecutiveFailures}, opened_at = NULL, probe_until = NULL, updated_at = now()
             WHERE partner_id = ANY(${partnersParam}::uuid[]) AND (state <> '${closed.state}' OR consecutive_failures <> ${closed.consecutiveFailures} OR opened_at IS NOT NULL OR probe_until IS NOT NULL)`;
  }

  private async read(manager: EntityManager, partnerId: string, lock: boolean): Promise<Circuit> {
    const rows: CircuitRow[] = await manager.query(
      `SELECT state, consecutive_failures, opened_at, probe_until FROM partner_circuits WHERE partner_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [partnerId],
    );
    return toCircuit(rows[0]);
  }

  private async write(manager: EntityManager, partnerId: string, circuit: Circuit): Promise<void> {
    await manager.query(
      `INSERT INTO partner_circuits (partner_id, state, consecutive_failures, opened_at, probe_until, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (partner_id) DO UPDATE SET state = EXCLUDED.state, consecutive_failures = EXCLUDED.consecutive_failures,
         opened_at = EXCLUDED.opened_at, probe_until = EXCLUDED.probe_until, updated_at = now()`,
      [partnerId, circuit.state, circuit.consecutiveFailures, circuit.openedAt, circuit.probeUntil],
    );
  }
}
