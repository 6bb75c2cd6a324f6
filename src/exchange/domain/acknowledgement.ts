import { MAX_RECEIPT_LENGTH } from '../../pki/crypto/signed-receipt';
import { AcknowledgementStatus } from './delivery-status';

export interface AcknowledgementWarning {
  ruleId?: string;
  path?: string;
  message: string;
}

/** A receiver's acknowledgement as the hub keeps it: bounded, and only the fields it knows. */
export interface Acknowledgement {
  status: AcknowledgementStatus;
  envelopeId: string;
  receivedAt?: string;
  /** Why a message was kept unread (DELIVERED_NOT_READABLE), as a stable code: an additive field. */
  code?: string;
  message?: string;
  warnings: AcknowledgementWarning[];
  /**
   * The receiving node's signed receipt of the envelope (a compact JWS, pki/crypto/signed-receipt.ts):
   * an additive field, which a hub that does not know it ignores.
   */
  receipt?: string;
}

const MAX_WARNINGS = 200;
const MAX_TEXT = 1000;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, MAX_TEXT) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type AcknowledgementParse = { ok: true; acknowledgement: Acknowledgement } | { ok: false; reason: string };

/**
 * Reads a partner's 200 answer (DESIGN.md section 6). The answer is the partner's, so it is checked
 * like any input: a known status, the envelope it acknowledges (when named) being ours.
 */
export function parseAcknowledgement(body: unknown, envelopeId: string): AcknowledgementParse {
  if (!isRecord(body)) return { ok: false, reason: 'the answer is not a JSON object' };
  const status = body.status;
  if (typeof status !== 'string' || !Object.values(AcknowledgementStatus).includes(status as AcknowledgementStatus)) {
    return { ok: false, reason: `the answer has no acknowledgement status (got ${JSON.stringify(status)?.slice(0, 60) ?? 'nothing'})` };
  }
  if (body.envelopeId !== undefined && body.envelopeId !== envelopeId) {
    return { ok: false, reason: 'the acknowledgement names another envelope' };
  }
  const warnings = Array.isArray(body.warnings)
    ? body.warnings.slice(0, MAX_WARNINGS).flatMap((w): AcknowledgementWarning[] => {
        if (typeof w === 'string') return [{ message: w.slice(0, MAX_TEXT) }];
        if (!isRecord(w) || !text(w.message)) return [];
        return [{ ruleId: text(w.ruleId), path: text(w.path), message: text(w.message) as string }];
      })
    : [];
  const acknowledgement: Acknowledgement = { status: status as AcknowledgementStatus, envelopeId, warnings };
  const receivedAt = text(body.receivedAt);
  const message = text(body.message);
  const code = typeof body.code === 'string' && /^[A-Z][A-Z0-9_-]{0,63}$/.test(body.code) ? body.code : undefined;
  if (receivedAt) acknowledgement.receivedAt = receivedAt;
  if (code) acknowledgement.code = code;
  if (message) acknowledgement.message = message;
  // Kept as given for the receipt check (exchange/receipts); one that cannot be a receipt is kept
  // empty, so that it reads as malformed rather than as no receipt at all.
  if (body.receipt !== undefined) acknowledgement.receipt = typeof body.receipt === 'string' && body.receipt.length <= MAX_RECEIPT_LENGTH ? body.receipt : '';
  return { ok: true, acknowledgement };
}
