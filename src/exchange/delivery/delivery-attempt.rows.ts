import { CLOSED_CIRCUIT, Circuit, CircuitState } from '../domain/circuit-breaker';
import { DeliveryRoute, DeliveryStatus } from '../domain/delivery-status';
import type { Envelope } from '../domain/envelope';
import type { PartnerEntity } from '../entities/partner.entity';
import { ReceiptPolicy } from '../receipts/domain/receipt-rules';

/** What an attempt needs of its partner. */
export type DeliveryPartner = Pick<
  PartnerEntity,
  | 'id'
  | 'code'
  | 'endpointUrl'
  | 'paused'
  | 'maxAttempts'
  | 'baseDelayMs'
  | 'maxDelayMs'
  | 'timeoutMs'
  | 'breakerFailureThreshold'
  | 'breakerCooldownMs'
  | 'outboundTokenSealed'
  | 'outboundTokenMasterKeyId'
  | 'poolConnections'
  | 'receipts'
  | 'nodeCertificateSha256'
>;

interface CircuitColumns {
  circuit_state: CircuitState | null;
  consecutive_failures: number | null;
  opened_at: Date | null;
  probe_until: Date | null;
}

/** A delivery locked for an attempt, with its partner and circuit (absent for a local recipient). */
export interface LockedDeliveryRow extends CircuitColumns {
  id: string;
  generation: number;
  status: DeliveryStatus;
  attempts: number;
  route: DeliveryRoute;
  envelope: Envelope;
  last_error: string | null;
  recipient_country: string;
  partner_id: string | null;
  active: boolean | null;
  countries: string[] | null;
  delivery_mode?: string | null;
  code: string | null;
  endpoint_url: string | null;
  paused: boolean | null;
  max_attempts: number | null;
  base_delay_ms: number | null;
  max_delay_ms: number | null;
  timeout_ms: number | null;
  breaker_failure_threshold: number | null;
  breaker_cooldown_ms: number | null;
  outbound_token_sealed: Buffer | null;
  outbound_token_master_key_id: string | null;
  pool_connections: number | null;
  receipts: ReceiptPolicy | null;
  node_certificate_sha256: string | null;
}

/** A delivery locked to record an attempt's outcome, with its partner's circuit. */
export interface SettlingRow extends CircuitColumns {
  status: DeliveryStatus;
  generation: number;
  attempts: number;
  earlier_created_at: string[];
  /** Attempts of this generation answered without the valid receipt the partner promised. */
  receipt_failures: number;
}

export function partnerOf(row: LockedDeliveryRow): DeliveryPartner | null {
  if (!row.partner_id) return null;
  return {
    id: row.partner_id,
    code: row.code as string,
    endpointUrl: row.endpoint_url,
    paused: row.paused === true,
    maxAttempts: row.max_attempts as number,
    baseDelayMs: row.base_delay_ms as number,
    maxDelayMs: row.max_delay_ms as number,
    timeoutMs: row.timeout_ms as number,
    breakerFailureThreshold: row.breaker_failure_threshold as number,
    breakerCooldownMs: row.breaker_cooldown_ms as number,
    outboundTokenSealed: row.outbound_token_sealed,
    outboundTokenMasterKeyId: row.outbound_token_master_key_id,
    poolConnections: row.pool_connections as number,
    receipts: row.receipts ?? ReceiptPolicy.UNSIGNED,
    nodeCertificateSha256: row.node_certificate_sha256 as string,
  };
}

export function circuitOf(row: CircuitColumns): Circuit {
  if (!row.circuit_state) return CLOSED_CIRCUIT;
  return { state: row.circuit_state, consecutiveFailures: row.consecutive_failures ?? 0, openedAt: row.opened_at, probeUntil: row.probe_until };
}
