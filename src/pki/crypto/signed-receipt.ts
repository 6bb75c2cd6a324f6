import { createHash, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../core/canonical/canonical-json';

/**
 * A node's signed receipt (the exchange's non-repudiation of receipt): a JWS in compact serialisation
 * (RFC 7515 section 7.1), RS256 (RSASSA-PKCS1-v1_5 with SHA-256, the node key's algorithm), whose
 * payload is the RFC 8785 form of the receipt's claims. The protected header names the signing
 * node certificate by its SHA-256 thumbprint (`x5t#S256`, RFC 7515 section 4.1.8), so a certificate
 * put beside the receipt is bound to it: one changed byte of that certificate no longer matches.
 * Here are the format and its checks, shared by the hubs that make and check receipts and by the
 * offline verifier; what the claims must say of an acknowledgement is the exchange's.
 */
export const RECEIPT_MEDIA_TYPE = 'ecoo-receipt+jws';
export const RECEIPT_ALGORITHM = 'RS256';

// A compact JWS of these claims and a 4096-bit signature is well under 4 KB; the bound keeps a
// partner's answer from making the hub hold or parse more than that.
export const MAX_RECEIPT_LENGTH = 16_384;

/** What the receiving node signs about one envelope it received. */
export interface ReceiptClaims {
  envelopeId: string;
  /** SHA-256 (hex) of the RFC 8785 form of the whole envelope as received, its signature included. */
  envelopeSha256: string;
  /** The acknowledgement status (DELIVERED, DELIVERED_WITH_WARNINGS, DELIVERED_NOT_READABLE). */
  status: string;
  /** The acknowledgement's reason code and its warnings' rule ids, in order, each once. */
  reasonCodes: string[];
  /** When the receiving node received the envelope (its first reception of this envelope id). */
  receivedAt: string;
}

export enum ReceiptProblem {
  RECEIPT_MALFORMED = 'RECEIPT_MALFORMED',
  RECEIPT_UNKNOWN_KEY = 'RECEIPT_UNKNOWN_KEY',
  RECEIPT_SIGNATURE_INVALID = 'RECEIPT_SIGNATURE_INVALID',
}

export interface ReadReceipt {
  claims: ReceiptClaims;
  /** The `x5t#S256` of the protected header: base64url of the SHA-256 of the signer certificate's DER. */
  certificateThumbprint: string;
  signingInput: string;
  signature: Buffer;
}

export type ReceiptRead = { ok: true; receipt: ReadReceipt } | { ok: false; problem: ReceiptProblem; message: string };

function base64url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64url');
}

/**
 * base64url without padding, read strictly: Node's decoder takes stray characters and unused
 * trailing bits silently, so a changed last character could decode to the same bytes. The text
 * must be exactly the encoding of what it decodes to.
 */
function strictBase64url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

/** The `x5t#S256` of a certificate: base64url of the SHA-256 of its DER. */
export function certificateThumbprint(der: Buffer): string {
  return base64url(createHash('sha256').update(der).digest());
}

/** The thumbprint from the hex SHA-256 fingerprint the hub keeps for its certificates. */
export function thumbprintOfFingerprint(fingerprintHex: string): string {
  return base64url(Buffer.from(fingerprintHex, 'hex'));
}

/** The bytes the node signs for these claims, under the certificate with this hex SHA-256 fingerprint. */
export function receiptSigningInput(claims: ReceiptClaims, signerFingerprintHex: string): string {
  const header = { alg: RECEIPT_ALGORITHM, typ: RECEIPT_MEDIA_TYPE, 'x5t#S256': thumbprintOfFingerprint(signerFingerprintHex) };
  return `${base64url(canonicalJson(header))}.${base64url(canonicalJson(claims))}`;
}

/** The compact JWS from its signing input and the node's RS256 signature over it. */
export function assembleReceipt(signingInput: string, signature: Uint8Array): string {
  return `${signingInput}.${base64url(signature)}`;
}

const bad = (problem: ReceiptProblem, message: string): ReceiptRead => ({ ok: false, problem, message });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

const CLAIM_NAMES = ['envelopeId', 'envelopeSha256', 'reasonCodes', 'receivedAt', 'status'];

function claimsProblem(claims: Record<string, unknown>): string | undefined {
  const names = Object.keys(claims).sort();
  if (names.join() !== CLAIM_NAMES.join()) return `the claims must be exactly ${CLAIM_NAMES.join(', ')}`;
  if (typeof claims.envelopeId !== 'string' || claims.envelopeId.length === 0) return 'envelopeId must be a string';
  if (typeof claims.envelopeSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(claims.envelopeSha256)) return 'envelopeSha256 must be 64 lower-case hex digits';
  if (typeof claims.status !== 'string' || claims.status.length === 0) return 'status must be a string';
  if (!Array.isArray(claims.reasonCodes) || !claims.reasonCodes.every((c) => typeof c === 'string')) return 'reasonCodes must be an array of strings';
  if (typeof claims.receivedAt !== 'string' || Number.isNaN(Date.parse(claims.receivedAt))) return 'receivedAt must be a date and time';
  return undefined;
}

/**
 * Reads a compact receipt without checking its signature: three strict base64url parts, a header
 * of RS256 with a thumbprint, claims of the receipt's shape, each part exactly the RFC 8785 form of
 * what it holds (so there is one encoding of one receipt, and a changed byte never reads the same).
 */
export function readReceipt(compact: unknown): ReceiptRead {
  if (typeof compact !== 'string' || compact.length === 0) return bad(ReceiptProblem.RECEIPT_MALFORMED, 'the receipt is not a string');
  if (compact.length > MAX_RECEIPT_LENGTH) return bad(ReceiptProblem.RECEIPT_MALFORMED, `the receipt is longer than ${MAX_RECEIPT_LENGTH} characters`);
  const parts = compact.split('.');
  if (parts.length !== 3) return bad(ReceiptProblem.RECEIPT_MALFORMED, 'a compact JWS has three parts');
  const [headerBytes, payloadBytes, signature] = parts.map(strictBase64url);
  if (!headerBytes || !payloadBytes || !signature || signature.length === 0) return bad(ReceiptProblem.RECEIPT_MALFORMED, 'each part must be base64url without padding');
  const header = parseJson(headerBytes);
  const claims = parseJson(payloadBytes);
  if (!isRecord(header) || !isRecord(claims)) return bad(ReceiptProblem.RECEIPT_MALFORMED, 'the header and the claims must be JSON objects');
  if (canonicalJson(header) !== headerBytes.toString('utf8') || canonicalJson(claims) !== payloadBytes.toString('utf8')) {
    return bad(ReceiptProblem.RECEIPT_MALFORMED, 'the header and the claims must be in their RFC 8785 form');
  }
  if (header.alg !== RECEIPT_ALGORITHM || header.typ !== RECEIPT_MEDIA_TYPE || Object.keys(header).length !== 3) {
    return bad(ReceiptProblem.RECEIPT_MALFORMED, `the header must be {"alg":"${RECEIPT_ALGORITHM}","typ":"${RECEIPT_MEDIA_TYPE}","x5t#S256":...}`);
  }
  const thumbprint = header['x5t#S256'];
  if (typeof thumbprint !== 'string' || strictBase64url(thumbprint)?.length !== 32) return bad(ReceiptProblem.RECEIPT_MALFORMED, 'x5t#S256 must be the base64url of a SHA-256');
  const problem = claimsProblem(claims);
  if (problem) return bad(ReceiptProblem.RECEIPT_MALFORMED, problem);
  return { ok: true, receipt: { claims: claims as unknown as ReceiptClaims, certificateThumbprint: thumbprint, signingInput: `${parts[0]}.${parts[1]}`, signature } };
}

/** A certificate the receipt may be signed under: its DER and public key. */
export interface ReceiptSignerCertificate {
  der: Buffer;
  publicKey: KeyObject;
}

/**
 * The receipt's signature checked against the certificates its signer may hold: the one its header
 * names must be among them, and its key must have made the signature.
 */
export function checkReceiptSignature(receipt: ReadReceipt, certificates: readonly ReceiptSignerCertificate[]): { ok: true; certificate: ReceiptSignerCertificate } | { ok: false; problem: ReceiptProblem; message: string } {
  const certificate = certificates.find((c) => certificateThumbprint(c.der) === receipt.certificateThumbprint);
  if (!certificate) return { ok: false, problem: ReceiptProblem.RECEIPT_UNKNOWN_KEY, message: 'the receipt is signed under a certificate other than the node certificates held for its signer' };
  let holds: boolean;
  try {
    holds = verify('sha256', Buffer.from(receipt.signingInput, 'ascii'), certificate.publicKey, receipt.signature);
  } catch {
    // A key that is not RSA, or a signature of the wrong length for it.
    holds = false;
  }
  return holds ? { ok: true, certificate } : { ok: false, problem: ReceiptProblem.RECEIPT_SIGNATURE_INVALID, message: "the receipt's signature does not hold under its certificate" };
}
