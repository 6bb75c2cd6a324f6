import { canonicalJson, sha256Hex } from '../../../core/canonical/canonical-json';
import { ReceiptClaims, ReceiptSignerCertificate, checkReceiptSignature, readReceipt } from '../../../pki/crypto/signed-receipt';
import type { Acknowledgement } from '../../domain/acknowledgement';
import type { Classification } from '../../domain/retry-policy';

/**
 * Whether a partner and this hub exchange signed receipts (a capability of the partner's
 * registration, DESIGN.md section 6). SIGNED: this hub requires a valid receipt in every
 * acknowledgement the partner gives it, and signs the acknowledgements it gives the partner.
 */
export enum ReceiptPolicy {
  SIGNED = 'SIGNED',
  UNSIGNED = 'UNSIGNED',
}

/** Why an acknowledgement's receipt is not one this hub keeps. */
export enum ReceiptFault {
  RECEIPT_MISSING = 'RECEIPT_MISSING',
  RECEIPT_MALFORMED = 'RECEIPT_MALFORMED',
  RECEIPT_UNKNOWN_KEY = 'RECEIPT_UNKNOWN_KEY',
  RECEIPT_SIGNATURE_INVALID = 'RECEIPT_SIGNATURE_INVALID',
  /** Signed, but about another envelope or another outcome than the acknowledgement it came with. */
  RECEIPT_MISMATCH = 'RECEIPT_MISMATCH',
}

// Acknowledgements without a valid receipt, from a partner that promised them, before the delivery is
// FAILED with RECEIPT_INVALID: enough to ride out a partner restarting into a new key, few enough
// that an operator hears of a broken promise within minutes rather than after the whole budget.
export const RECEIPT_ATTEMPTS = 3;

/** SHA-256 (hex) of the RFC 8785 form of the whole envelope, its signature included. */
export function envelopeSha256(envelope: unknown): string {
  return sha256Hex(canonicalJson(envelope));
}

/** The acknowledgement's reason code, then its warnings' rule ids, each once. */
export function reasonCodesOf(acknowledgement: Pick<Acknowledgement, 'code' | 'warnings'>): string[] {
  const codes = [acknowledgement.code, ...acknowledgement.warnings.map((w) => w.ruleId)].filter((c): c is string => typeof c === 'string' && c.length > 0);
  return [...new Set(codes)];
}

/** What the receiving node signs for an acknowledgement of the envelope whose hash is given. */
export function receiptClaimsFor(acknowledgement: Acknowledgement, receivedEnvelopeSha256: string, receivedAt: Date): ReceiptClaims {
  return {
    envelopeId: acknowledgement.envelopeId,
    envelopeSha256: receivedEnvelopeSha256,
    status: acknowledgement.status,
    reasonCodes: reasonCodesOf(acknowledgement),
    receivedAt: acknowledgement.receivedAt ?? receivedAt.toISOString(),
  };
}

/**
 * Whether the receiver signs its acknowledgement. The caller asks only for a request it
 * authenticated (the partner's token) and whose node signature held: a stranger never makes this hub
 * compute a signature. Then it signs when its registration of the sender says SIGNED, or when the
 * sender asks (`Prefer: receipt=signed`), so that a sender that requires receipts gets them from a
 * hub whose operator has not yet changed the registration.
 */
export function signsReceipt(registered: ReceiptPolicy, asked: boolean): boolean {
  return registered === ReceiptPolicy.SIGNED || asked;
}

/** RFC 7240 `Prefer` header: does it hold the preference receipt=signed? */
export function receiptAsked(prefer: string | string[] | undefined): boolean {
  const values = Array.isArray(prefer) ? prefer : prefer === undefined ? [] : [prefer];
  return values.some((value) =>
    value
      .split(',')
      .map((preference) => preference.split(';')[0].trim().toLowerCase().replace(/\s+/g, ''))
      .some((preference) => preference === 'receipt=signed' || preference === 'receipt="signed"'),
  );
}

export type ReceiptJudgement =
  | { kind: 'SIGNED'; certificate: ReceiptSignerCertificate }
  | { kind: 'UNSIGNED' }
  | { kind: 'INVALID'; fault: ReceiptFault; message: string };

export interface ReceiptJudgementInput {
  acknowledgement: Acknowledgement;
  /** SHA-256 of the RFC 8785 form of the envelope this attempt sent. */
  sentEnvelopeSha256: string;
  /** The partner's node certificates a new receipt may be signed under. */
  certificates: readonly ReceiptSignerCertificate[];
}

/**
 * The sender's check of an acknowledgement's receipt: signed under the partner's node certificate,
 * about the envelope this attempt sent (its hash), with the status, reason code and reception time
 * the acknowledgement states. A receipt that does not say what the acknowledgement says proves
 * nothing about it.
 */
export function judgeReceipt(input: ReceiptJudgementInput): ReceiptJudgement {
  const { acknowledgement: ack } = input;
  if (ack.receipt === undefined) return { kind: 'UNSIGNED' };
  const read = readReceipt(ack.receipt);
  if (!read.ok) return { kind: 'INVALID', fault: ReceiptFault.RECEIPT_MALFORMED, message: read.message };
  const signature = checkReceiptSignature(read.receipt, input.certificates);
  if (!signature.ok) return { kind: 'INVALID', fault: signature.problem as unknown as ReceiptFault, message: signature.message };
  const claims = read.receipt.claims;
  const mismatch =
    claims.envelopeId !== ack.envelopeId
      ? 'it names another envelope'
      : claims.envelopeSha256 !== input.sentEnvelopeSha256
        ? 'it is about other bytes than the envelope sent'
        : claims.status !== ack.status
          ? `it says ${claims.status} where the acknowledgement says ${ack.status}`
          : ack.receivedAt !== undefined && claims.receivedAt !== ack.receivedAt
            ? 'it gives another reception time than the acknowledgement'
            : ack.code !== undefined && !claims.reasonCodes.includes(ack.code)
              ? `it does not name the acknowledgement's code ${ack.code}`
              : undefined;
  if (mismatch) return { kind: 'INVALID', fault: ReceiptFault.RECEIPT_MISMATCH, message: `the receipt does not match its acknowledgement: ${mismatch}` };
  return { kind: 'SIGNED', certificate: signature.certificate };
}

/** What the delivery records of a receipt fault: the cause first, as every attempt error is worded. */
export function receiptError(fault: ReceiptFault, message: string): string {
  return `receipt invalid ${fault}: ${message}`;
}

/**
 * What an acknowledgement counts for once its receipt was judged. From a partner registered SIGNED,
 * only with a receipt that holds; without one it is RECEIPT_INVALID (an attempt that is retried a
 * few times, then FAILED). From any other partner it counts as it is, its receipt kept when it holds
 * and dropped when it does not: the hub keeps no signature it could not check.
 */
export function gateAcknowledgement(classification: Extract<Classification, { kind: 'ACKNOWLEDGED' }>, policy: ReceiptPolicy, judgement: ReceiptJudgement): Classification {
  if (judgement.kind === 'SIGNED') return classification;
  if (policy === ReceiptPolicy.SIGNED) {
    const fault = judgement.kind === 'INVALID' ? judgement : { fault: ReceiptFault.RECEIPT_MISSING, message: 'the acknowledgement carries no receipt' };
    return { kind: 'RECEIPT_INVALID', error: receiptError(fault.fault, fault.message), httpStatus: classification.httpStatus };
  }
  if (judgement.kind === 'UNSIGNED') return classification;
  const { receipt: _dropped, ...unsigned } = classification.acknowledgement;
  return { ...classification, acknowledgement: unsigned };
}
