import type { Envelope } from '../domain/envelope';
import type { TransportResult } from '../domain/transport-result';

export interface TransportTarget {
  /** The partner's base URL; absent for a recipient served by this hub. */
  endpointUrl?: string;
  bearerToken?: string;
  timeoutMs: number;
  /** Ask the receiver for a signed receipt (`Prefer: receipt=signed`): the partner is registered receipts SIGNED. */
  askReceipt?: boolean;
  /** The partner's own keep-alive pool: its id, and how many connections it holds per process. */
  pool?: { key: string; connections: number };
}

/**
 * How an envelope is handed over (DESIGN.md section 6: partner adapters for other formats plug in
 * behind this one interface). Never throws for what the other side did: every outcome is a result.
 */
export abstract class EnvelopeTransport {
  abstract send(target: TransportTarget, envelope: Envelope): Promise<TransportResult>;
}
