/** What one attempt to hand an envelope over produced, whatever the transport. */
export type TransportResult =
  | { kind: 'RESPONSE'; status: number; retryAfter?: string; body: unknown }
  | { kind: 'NETWORK_ERROR'; code: string }
  | { kind: 'TIMEOUT'; afterMs: number }
  /** The hub's outbound policy forbids the destination: at the URL, or at the address its host resolved to. */
  | { kind: 'DESTINATION_REFUSED'; codes: string[]; reason: string };
