import { DeliveryStatus } from './delivery-status';

/**
 * What went wrong with a delivery, as a stable code. Issuers, importing customs and traders see
 * these; the text the transport recorded ("network error ECONNREFUSED 10.0.0.5:443", a partner's
 * problem code, a partner's name) is the operator's, since it describes the hub's and the partner's
 * infrastructure rather than the certificate.
 */
export enum DeliveryErrorCode {
  /** The connection could not be made or was cut: refused, reset, unknown host. */
  PARTNER_UNREACHABLE = 'PARTNER_UNREACHABLE',
  /** No answer within the partner's timeout, or the partner answered 408. */
  PARTNER_TIMEOUT = 'PARTNER_TIMEOUT',
  /** The partner asked to slow down (429). */
  PARTNER_BUSY = 'PARTNER_BUSY',
  /** The partner failed on its side (5xx). */
  PARTNER_ERROR = 'PARTNER_ERROR',
  /** The partner refused the envelope for good (a 4xx other than 408 and 429, or a redirect). */
  PARTNER_REFUSED = 'PARTNER_REFUSED',
  /** The partner answered, but not with an acknowledgement of the exchange protocol. */
  PARTNER_BAD_ANSWER = 'PARTNER_BAD_ANSWER',
  /** The partner found the envelope too old; the hub signs it again with a fresh createdAt. */
  ENVELOPE_OUTSIDE_REPLAY_WINDOW = 'ENVELOPE_OUTSIDE_REPLAY_WINDOW',
  /** The partner holds the envelope id with another signing; the hub sends the one it may hold. */
  ENVELOPE_ID_REUSED = 'ENVELOPE_ID_REUSED',
  /**
   * The partner promised signed receipts (its registration says receipts SIGNED) and answered, a few
   * times, without a valid one: the envelope may well have arrived, but nothing proves it.
   */
  RECEIPT_INVALID = 'RECEIPT_INVALID',
  /** Every attempt of the retry budget failed: the delivery is FAILED until an operator redelivers it. */
  RETRY_BUDGET_SPENT = 'RETRY_BUDGET_SPENT',
  /** Nobody serves the destination now (no partner, a partner deactivated or a route removed). */
  NO_ROUTE = 'NO_ROUTE',
  /** This hub has no node key to sign the envelope with: it waits PENDING until one is stored or configured. */
  NODE_KEY_UNAVAILABLE = 'NODE_KEY_UNAVAILABLE',
  /** Any other failure; the operator sees what it was. */
  DELIVERY_ERROR = 'DELIVERY_ERROR',
}

// How exchange/domain/retry-policy.ts, attempt-decision.ts and the delivery store word what they
// record. The specs of this file feed those producers' own output through it, so a change of
// wording there fails here instead of leaking text.
const BUDGET_SPENT = /the retry budget (of \d+ attempts?|in time) is spent/;
const RECEIPT_INVALID = /^receipt invalid /;
const NODE_KEY_WAIT = 'waiting for a node key';

/** The recorded error of a delivery that waits, unsigned, for a node key (the outbox's and the delivery store's words). */
export function nodeKeyWaitError(reason: string): string {
  return `${NODE_KEY_WAIT}: ${reason}`;
}

const NO_ROUTE = /^partner \S+ (was deactivated|no longer serves )/;

function httpCode(status: number, rest: string): DeliveryErrorCode {
  if (rest.startsWith(' is not an answer')) return DeliveryErrorCode.PARTNER_BAD_ANSWER;
  if (status === 200) return DeliveryErrorCode.PARTNER_BAD_ANSWER;
  if (status === 408) return DeliveryErrorCode.PARTNER_TIMEOUT;
  if (status === 429) return DeliveryErrorCode.PARTNER_BUSY;
  if (status >= 500) return DeliveryErrorCode.PARTNER_ERROR;
  if (status === 422 && rest.startsWith(' ENVELOPE_OUTSIDE_REPLAY_WINDOW')) return DeliveryErrorCode.ENVELOPE_OUTSIDE_REPLAY_WINDOW;
  if (status === 409 && rest.startsWith(' ENVELOPE_ID_REUSED')) return DeliveryErrorCode.ENVELOPE_ID_REUSED;
  if (status >= 300) return DeliveryErrorCode.PARTNER_REFUSED;
  return DeliveryErrorCode.PARTNER_BAD_ANSWER;
}

/** Why one attempt failed, from what was recorded for it; null when it did not fail. */
export function attemptErrorCode(error: string | null): DeliveryErrorCode | null {
  if (error === null || error === '') return null;
  // The cause comes first; what follows a "; " is what the hub did about it.
  const cause = error.split('; ')[0];
  if (RECEIPT_INVALID.test(cause)) return DeliveryErrorCode.RECEIPT_INVALID;
  if (/^no answer within \d+ ms/.test(cause)) return DeliveryErrorCode.PARTNER_TIMEOUT;
  if (cause.startsWith('network error')) return DeliveryErrorCode.PARTNER_UNREACHABLE;
  if (cause.startsWith(NODE_KEY_WAIT)) return DeliveryErrorCode.NODE_KEY_UNAVAILABLE;
  const http = /^HTTP (\d{3})(.*)$/s.exec(cause);
  if (http) return httpCode(Number(http[1]), http[2]);
  if (NO_ROUTE.test(cause)) return DeliveryErrorCode.NO_ROUTE;
  if (BUDGET_SPENT.test(error)) return DeliveryErrorCode.RETRY_BUDGET_SPENT;
  return DeliveryErrorCode.DELIVERY_ERROR;
}

/**
 * Why a delivery is not (yet) delivered, from its state and last recorded error: FAILED carries the
 * retry budget spent, the final refusal or a broken promise of receipts (DESIGN.md section 5), UNROUTABLE that nobody serves the
 * destination, a PENDING one the cause of its last failed attempt. Null when nothing went wrong.
 */
export function deliveryErrorCode(status: DeliveryStatus, lastError: string | null): DeliveryErrorCode | null {
  if (status === DeliveryStatus.UNROUTABLE) return DeliveryErrorCode.NO_ROUTE;
  if (lastError === null || lastError === '') return null;
  // A broken promise of receipts is what the operator must hear of, even when the budget ran out with it.
  if (status === DeliveryStatus.FAILED && RECEIPT_INVALID.test(lastError)) return DeliveryErrorCode.RECEIPT_INVALID;
  if (BUDGET_SPENT.test(lastError)) return DeliveryErrorCode.RETRY_BUDGET_SPENT;
  return attemptErrorCode(lastError);
}
