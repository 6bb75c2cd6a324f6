/** What one attempt to hand an envelope over produced, whatever the transport. */
export type TransportResult =
  | { kind: 'RESPONSE'; status: number; retryAfter?: string; body: unknown }
  | { kind: 'NETWORK_ERROR'; code: string }
  | { kind: 'TIMEOUT'; afterMs: number };
