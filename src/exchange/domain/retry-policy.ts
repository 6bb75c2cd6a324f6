import { Acknowledgement, parseAcknowledgement } from './acknowledgement';
import { ReceiverProblemCode } from './envelope-refresh';
import { TransportResult } from './transport-result';

export interface RetrySchedule {
  baseDelayMs: number;
  maxDelayMs: number;
}

export type Classification =
  | { kind: 'ACKNOWLEDGED'; acknowledgement: Acknowledgement; httpStatus: number }
  | { kind: 'RETRY'; error: string; httpStatus?: number; retryAfterMs?: number }
  | { kind: 'REFUSED'; error: string; httpStatus?: number }
  /** Refusals that the same envelope, signed again, can answer (domain/envelope-refresh.ts). */
  | { kind: 'OUTSIDE_REPLAY_WINDOW'; error: string; httpStatus: number }
  | { kind: 'ENVELOPE_ID_REUSED'; error: string; httpStatus: number }
  /** An acknowledgement without the valid receipt its partner promised (exchange/receipts). */
  | { kind: 'RECEIPT_INVALID'; error: string; httpStatus: number };

// A partner asking for more than a day is treated as asking for a day; the budget decides the rest.
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date, as milliseconds from `now`.
 * Anything else is ignored (undefined); a date in the past means now.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  // An IMF-fixdate such as "Wed, 21 Oct 2026 07:28:00 GMT"; Date.parse would also take looser forms.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
}

/**
 * DESIGN.md section 6: network errors, timeouts, 408, 429 and 5xx are retried; any other 4xx is
 * final. A 200 needs a readable acknowledgement of this envelope; a 200 without one is retried (the
 * receiver deduplicates on envelopeId, so sending again is safe). Redirects are not followed: the
 * signed envelope goes to the registered endpoint only.
 */
export function classifyTransportResult(result: TransportResult, envelopeId: string, now: Date): Classification {
  switch (result.kind) {
    case 'TIMEOUT':
      return { kind: 'RETRY', error: `no answer within ${result.afterMs} ms` };
    case 'NETWORK_ERROR':
      return { kind: 'RETRY', error: `network error ${result.code}` };
    // Final: sending again would go to the same forbidden place. The operator fixes the endpoint (or
    // the allow-list) and redelivers.
    case 'DESTINATION_REFUSED':
      return { kind: 'REFUSED', error: `destination refused (${result.codes.join(', ')}): ${result.reason}` };
    case 'RESPONSE': {
      const status = result.status;
      if (status === 200) {
        const parsed = parseAcknowledgement(result.body, envelopeId);
        if (parsed.ok) return { kind: 'ACKNOWLEDGED', acknowledgement: parsed.acknowledgement, httpStatus: status };
        return { kind: 'RETRY', error: `HTTP 200 without an acknowledgement: ${parsed.reason}`, httpStatus: status };
      }
      if (status === 408 || status === 429 || status >= 500) {
        const retryAfterMs = parseRetryAfter(result.retryAfter, now);
        return { kind: 'RETRY', error: `HTTP ${status}${codeSuffix(result.body)}`, httpStatus: status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
      }
      if (status >= 300 && status < 400) return { kind: 'REFUSED', error: `HTTP ${status}: redirects are not followed`, httpStatus: status };
      const code = problemCode(result.body);
      if (status === 422 && code === ReceiverProblemCode.OUTSIDE_REPLAY_WINDOW) return { kind: 'OUTSIDE_REPLAY_WINDOW', error: `HTTP 422 ${code}`, httpStatus: status };
      if (status === 409 && code === ReceiverProblemCode.ENVELOPE_ID_REUSED) return { kind: 'ENVELOPE_ID_REUSED', error: `HTTP 409 ${code}`, httpStatus: status };
      if (status >= 400) return { kind: 'REFUSED', error: `HTTP ${status}${codeSuffix(result.body)}`, httpStatus: status };
      return { kind: 'RETRY', error: `HTTP ${status} is not an answer of the exchange protocol`, httpStatus: status };
    }
  }
}

/** The `code` of a problem+json answer, when it looks like one. */
function problemCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as Record<string, unknown>).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : undefined;
}

function codeSuffix(body: unknown): string {
  const code = problemCode(body);
  return code ? ` ${code}` : '';
}

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * min(max, base * 2^(n-1)), so partners are not hit by every hub at the same instant and a retry is
 * never immediate. `random` returns a number in [0, 1).
 */
export function backoffDelayMs(attempt: number, schedule: RetrySchedule, random: () => number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 40);
  const cap = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** exponent);
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** The wait before the next attempt: the backoff, but never earlier than the partner's Retry-After. */
export function retryDelayMs(attempt: number, schedule: RetrySchedule, random: () => number, retryAfterMs?: number): number {
  return Math.max(backoffDelayMs(attempt, schedule, random), retryAfterMs ?? 0);
}
