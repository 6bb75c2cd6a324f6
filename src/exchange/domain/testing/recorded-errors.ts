import { decideAfterAttempt } from '../attempt-decision';
import { classifyTransportResult } from '../retry-policy';
import { TransportResult } from '../transport-result';

// Fixed times (TZ=UTC) and an envelope signed a second before it was sent.
export const NOW = new Date('2026-11-27T10:00:00.000Z');
const ENVELOPE_ID = '5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f';
const SENT_AT = new Date('2026-11-27T09:59:59.500Z');

/**
 * The error the hub records for an attempt that got `result`, as retry-policy.ts and
 * attempt-decision.ts word it: attempt `attempts` of a budget of `maxAttempts`, for an envelope
 * signed `signedAgoMs` before it was sent.
 */
export function recordedError(result: TransportResult, attempts = 1, maxAttempts = 3, signedAgoMs = 1000): string | null {
  const classification = classifyTransportResult(result, ENVELOPE_ID, NOW);
  const envelope = { createdAt: new Date(SENT_AT.getTime() - signedAgoMs).toISOString(), sentAt: SENT_AT, earlierCreatedAt: [] };
  const decision = decideAfterAttempt({ classification, attempts, maxAttempts, schedule: { baseDelayMs: 1000, maxDelayMs: 60000 }, now: NOW, random: () => 0, envelope });
  return decision.error ?? null;
}

/** A partner's answer with a problem+json code, as a receiving hub sends it. */
export function answer(status: number, code?: string, retryAfter?: string): TransportResult {
  return { kind: 'RESPONSE', status, body: code ? { type: 'about:blank', status, code } : undefined, retryAfter };
}
