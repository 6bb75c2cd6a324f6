import { canonicalJson, sha256Hex } from '../../core/canonical/canonical-json';
import { checkReceiptSignature, readReceipt } from '../../pki/crypto/signed-receipt';
import { parseCertificate } from '../../pki/crypto/x509';
import { Verdict } from '../verify/domain/verification-codes';

/** Why a receipt file does not hold. */
export enum ReceiptFileReason {
  NOT_A_RECEIPT_FILE = 'NOT_A_RECEIPT_FILE',
  RECEIPT_MALFORMED = 'RECEIPT_MALFORMED',
  CERTIFICATE_MALFORMED = 'CERTIFICATE_MALFORMED',
  RECEIPT_UNKNOWN_KEY = 'RECEIPT_UNKNOWN_KEY',
  RECEIPT_SIGNATURE_INVALID = 'RECEIPT_SIGNATURE_INVALID',
  CLAIMS_MISMATCH = 'CLAIMS_MISMATCH',
  ENVELOPE_MISMATCH = 'ENVELOPE_MISMATCH',
}

export interface ReceiptFileAnswer {
  verdict: Verdict.VALID | Verdict.INVALID;
  reasons: ReceiptFileReason[];
  messages: string[];
  /** What the receipt says, when its signature holds. */
  claims?: Record<string, unknown>;
  /** The subject of the certificate it is signed under. */
  signer?: string;
}

// The fields of GET /v1/deliveries/{id}/receipt, each checked: nothing in the file goes unchecked.
const FIELDS = ['certificate', 'claims', 'envelope', 'receipt'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One PEM certificate, its base64 read strictly (a lenient reader skips a changed character). */
function strictCertificateDer(pem: unknown): Buffer | undefined {
  if (typeof pem !== 'string') return undefined;
  const match = /^-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END CERTIFICATE-----\r?\n?$/.exec(pem);
  if (!match) return undefined;
  const body = match[1].replace(/\r?\n/g, '');
  const der = Buffer.from(body, 'base64');
  return der.toString('base64') === body ? der : undefined;
}

/**
 * A delivery's receipt file checked offline: the receipt's signature under the certificate given,
 * which its signed header names by thumbprint; the claims shown, as signed; the envelope given,
 * hashing (RFC 8785, SHA-256) to what the receipt says was received. Proves that the holder of that
 * certificate's key received these bytes at that time with that outcome; whether the certificate is
 * the partner's is what the sender's registration of the partner says.
 */
export function verifyReceiptFile(bytes: Buffer): ReceiptFileAnswer {
  const invalid = (reason: ReceiptFileReason, message: string): ReceiptFileAnswer => ({ verdict: Verdict.INVALID, reasons: [reason], messages: [message] });
  let file: unknown;
  try {
    file = JSON.parse(bytes.toString('utf8'));
  } catch {
    return invalid(ReceiptFileReason.NOT_A_RECEIPT_FILE, 'the file is not JSON');
  }
  if (!isRecord(file) || Object.keys(file).sort().join() !== FIELDS.join()) {
    return invalid(ReceiptFileReason.NOT_A_RECEIPT_FILE, `the file must hold exactly ${FIELDS.join(', ')} (GET /v1/deliveries/{id}/receipt)`);
  }
  const read = readReceipt(file.receipt);
  if (!read.ok) return invalid(ReceiptFileReason.RECEIPT_MALFORMED, read.message);
  const der = strictCertificateDer(file.certificate);
  let certificate;
  try {
    certificate = der && parseCertificate(der);
  } catch {
    certificate = undefined;
  }
  if (!der || !certificate) return invalid(ReceiptFileReason.CERTIFICATE_MALFORMED, 'certificate must be one PEM X.509 certificate');
  const signature = checkReceiptSignature(read.receipt, [{ der, publicKey: certificate.publicKey }]);
  if (!signature.ok) return invalid(signature.problem === 'RECEIPT_UNKNOWN_KEY' ? ReceiptFileReason.RECEIPT_UNKNOWN_KEY : ReceiptFileReason.RECEIPT_SIGNATURE_INVALID, signature.message);
  const claims = read.receipt.claims;
  const reasons: ReceiptFileReason[] = [];
  const messages: string[] = [];
  if (!isRecord(file.claims) || canonicalJson(file.claims) !== canonicalJson(claims)) {
    reasons.push(ReceiptFileReason.CLAIMS_MISMATCH);
    messages.push('the claims in the file are not the ones signed');
  }
  if (!isRecord(file.envelope) || file.envelope.envelopeId !== claims.envelopeId || sha256Hex(canonicalJson(file.envelope)) !== claims.envelopeSha256) {
    reasons.push(ReceiptFileReason.ENVELOPE_MISMATCH);
    messages.push('the envelope in the file is not the one the receipt says was received');
  }
  const signer = certificate.subject.text;
  const answer = { claims: claims as unknown as Record<string, unknown>, signer };
  return reasons.length > 0 ? { verdict: Verdict.INVALID, reasons, messages, ...answer } : { verdict: Verdict.VALID, reasons, messages, ...answer };
}
