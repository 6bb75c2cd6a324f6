import type { Violation } from '../../../core/errors/violation';
import { unreadableJsonRule, unstorableViolations } from '../../../core/validation/hostile-input-rules';
import { readStrictJson } from '../../../core/validation/strict-json';
import { pemBlocks } from '../../../pki/crypto/x509';
import { readCertificateCredential, ReadCertificateCredential } from '../../../certificates/credentials/domain/credential-reading';
import { VC_JWT_TYPE } from '../../../certificates/credentials/domain/verifiable-credential';

// Reading what a caller sends to be verified: a reference, or a document with its detached CMS as
// received from anywhere (JSON, DER, PEM or base64). Pure: the API and the command-line verifier
// read files and fields the same way, and every problem is a violation, never an exception.

export enum VerificationMethod {
  REFERENCE = 'REFERENCE',
  DOCUMENT = 'DOCUMENT',
  // The public page, by the certificate's verification token.
  TOKEN = 'TOKEN',
  // A W3C Verifiable Credential of a certificate (VC-JOSE compact JWS, typ vc+jwt).
  CREDENTIAL = 'CREDENTIAL',
}

export type VerificationSubject =
  | { method: VerificationMethod.REFERENCE; issuingAuthority: string; certificateNumber: string; copyNumber: number }
  | { method: VerificationMethod.DOCUMENT; document: Record<string, unknown>; signatureDer: Buffer }
  | { method: VerificationMethod.TOKEN; token: string }
  | { method: VerificationMethod.CREDENTIAL; jws: string; credential: ReadCertificateCredential };

export enum VerificationInputRule {
  // Either a reference or a document with its signature.
  ONE_SUBJECT = 'VERIFY-REQ-001',
  FIELD = 'VERIFY-REQ-002',
  DOCUMENT_NOT_JSON = 'VERIFY-DOC-001',
  SIGNATURE_UNREADABLE = 'VERIFY-SIG-001',
  CREDENTIAL_UNREADABLE = 'VERIFY-VC-001',
  CREDENTIAL_STRUCTURE = 'VERIFY-VC-002',
}

const violation = (ruleId: string, path: string, message: string): Violation => ({ ruleId, severity: 'error', path, message });

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DER_SEQUENCE = 0x30;

function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

/**
 * A detached CMS as DER bytes, a CMS/PKCS7 PEM block, or base64 DER. Bytes that decode but are no
 * CMS are returned as they are: the verification then reports MALFORMED_CMS, a verdict, not a 422.
 */
export function readSignature(input: Buffer | string, path = 'signature'): { der: Buffer } | { violation: Violation } {
  if (Buffer.isBuffer(input) && input.length > 0 && input[0] === DER_SEQUENCE) return { der: input };
  const text = (Buffer.isBuffer(input) ? input.toString('latin1') : input).trim();
  if (text.startsWith('-----BEGIN ')) {
    try {
      const block = pemBlocks(text).find((candidate) => candidate.label === 'CMS' || candidate.label === 'PKCS7');
      if (block) return { der: block.der };
    } catch {
      // a PEM block with a broken body: refused below like any unreadable text
    }
    return { violation: violation(VerificationInputRule.SIGNATURE_UNREADABLE, path, 'the signature PEM holds no readable CMS or PKCS7 block') };
  }
  const decoded = decodeBase64(text);
  if (decoded) return { der: decoded };
  return { violation: violation(VerificationInputRule.SIGNATURE_UNREADABLE, path, 'the signature must be DER, a CMS/PKCS7 PEM block, or base64 DER') };
}

/**
 * A certificate document: UTF-8 JSON text holding one object, read as the API reads a JSON body
 * (strict UTF-8, nesting bounded, no duplicate key, no U+0000 or lone surrogate).
 */
export function readDocument(input: Buffer | string, path = 'document'): { document: Record<string, unknown> } | { violation: Violation } {
  const read = readStrictJson(input);
  if (!read.ok) {
    const where = read.path ? `${path}.${read.path}` : path;
    // Too deep, a duplicate key, invalid UTF-8: no single reading, named by the hub-wide rule (a 400).
    return { violation: violation(unreadableJsonRule(read.problem) ?? VerificationInputRule.DOCUMENT_NOT_JSON, where, `the document is not JSON that reads one way: ${read.message}`) };
  }
  if (read.unstorable.length > 0) return { violation: unstorableViolations(read.unstorable, path)[0] };
  return asDocument(read.value, path);
}

function asDocument(value: unknown, path: string): { document: Record<string, unknown> } | { violation: Violation } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { violation: violation(VerificationInputRule.DOCUMENT_NOT_JSON, path, 'the document must be a JSON object (a certificate of the common dataset)') };
  }
  return { document: value as Record<string, unknown> };
}

/**
 * A certificate credential (compact JWS, typ vc+jwt), read but NOT verified: its header and its VC 2.0
 * structure (every problem at once). Its signature is judged by the verification, a verdict, not a 422.
 */
export function readCredential(input: Buffer | string, path = 'credential'): { jws: string; credential: ReadCertificateCredential } | { violations: Violation[] } {
  const jws = (Buffer.isBuffer(input) ? input.toString('latin1') : input).trim();
  const parts = jws.split('.');
  const unreadable = (message: string) => ({ violations: [violation(VerificationInputRule.CREDENTIAL_UNREADABLE, path, message)] });
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return unreadable('the credential must be a compact JWS (three base64url parts)');
  const header = readStrictJson(Buffer.from(parts[0], 'base64url'));
  if (!header.ok || typeof header.value !== 'object' || header.value === null || (header.value as Record<string, unknown>).typ !== VC_JWT_TYPE) {
    return unreadable(`the credential's JWS header must be a JSON object with typ ${VC_JWT_TYPE}`);
  }
  const payload = readStrictJson(Buffer.from(parts[1], 'base64url'));
  if (!payload.ok) return unreadable(`the credential's payload is not JSON that reads one way: ${payload.message}`);
  if (payload.unstorable.length > 0) return { violations: unstorableViolations(payload.unstorable, path) };
  const read = readCertificateCredential(payload.value);
  if (!read.ok) return { violations: read.problems.map((problem) => violation(VerificationInputRule.CREDENTIAL_STRUCTURE, path, problem)) };
  return { jws, credential: read.credential };
}

const REFERENCE_FIELDS = ['issuingAuthority', 'certificateNumber', 'copyNumber'];
const DOCUMENT_FIELDS = ['document', 'documentBase64', 'signature'];
const CREDENTIAL_FIELDS = ['credential'];
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,34}$/;

function identifier(body: Record<string, unknown>, field: string, problems: Violation[]): string | undefined {
  const value = body[field];
  if (value === undefined) {
    problems.push(violation(VerificationInputRule.FIELD, field, `${field} is required with a reference`));
    return undefined;
  }
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    problems.push(violation(VerificationInputRule.FIELD, field, `${field} must be a string of 1 to 35 letters, digits, spaces or . / _ -`));
    return undefined;
  }
  return value;
}

/**
 * The JSON body of POST /v1/verifications: `{issuingAuthority, certificateNumber, copyNumber?}` or
 * `{document | documentBase64, signature}`. Every problem at once; unknown fields refused.
 */
export function subjectFromJson(body: unknown): { subject: VerificationSubject } | { violations: Violation[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { violations: [violation(VerificationInputRule.ONE_SUBJECT, '', 'the body must be a JSON object')] };
  }
  const fields = body as Record<string, unknown>;
  const problems: Violation[] = Object.keys(fields)
    .filter((key) => !REFERENCE_FIELDS.includes(key) && !DOCUMENT_FIELDS.includes(key) && !CREDENTIAL_FIELDS.includes(key))
    .map((key) => violation('SHAPE-whitelistValidation', key, `unknown field ${key}`));
  const byReference = REFERENCE_FIELDS.some((key) => key in fields);
  const byDocument = DOCUMENT_FIELDS.some((key) => key in fields);
  const byCredential = CREDENTIAL_FIELDS.some((key) => key in fields);
  if ([byReference, byDocument, byCredential].filter(Boolean).length !== 1) {
    problems.push(
      violation(VerificationInputRule.ONE_SUBJECT, '', 'give either issuingAuthority and certificateNumber, or a document (document or documentBase64) with its signature, or a credential (its compact JWS)'),
    );
    return { violations: problems };
  }
  if (byCredential) return credentialSubject(fields, problems);
  return byReference ? referenceSubject(fields, problems) : documentSubject(fields, problems);
}

function credentialSubject(fields: Record<string, unknown>, problems: Violation[]): { subject: VerificationSubject } | { violations: Violation[] } {
  if (typeof fields.credential !== 'string') return { violations: [...problems, violation(VerificationInputRule.FIELD, 'credential', 'credential must be the compact JWS as a string')] };
  const read = readCredential(fields.credential, 'credential');
  if ('violations' in read) return { violations: [...problems, ...read.violations] };
  if (problems.length > 0) return { violations: problems };
  return { subject: { method: VerificationMethod.CREDENTIAL, jws: read.jws, credential: read.credential } };
}

function referenceSubject(fields: Record<string, unknown>, problems: Violation[]): { subject: VerificationSubject } | { violations: Violation[] } {
  const issuingAuthority = identifier(fields, 'issuingAuthority', problems);
  const certificateNumber = identifier(fields, 'certificateNumber', problems);
  const copy = fields.copyNumber ?? 0;
  if (typeof copy !== 'number' || !Number.isInteger(copy) || copy < 0 || copy > 9999) {
    problems.push(violation(VerificationInputRule.FIELD, 'copyNumber', 'copyNumber must be an integer from 0 (the original) to 9999'));
  }
  if (problems.length > 0 || !issuingAuthority || !certificateNumber) return { violations: problems };
  return { subject: { method: VerificationMethod.REFERENCE, issuingAuthority, certificateNumber, copyNumber: copy as number } };
}

function documentSubject(fields: Record<string, unknown>, problems: Violation[]): { subject: VerificationSubject } | { violations: Violation[] } {
  let document: Record<string, unknown> | undefined;
  if ((fields.document === undefined) === (fields.documentBase64 === undefined)) {
    problems.push(violation(VerificationInputRule.ONE_SUBJECT, 'document', 'give the document either as JSON (document) or as base64 bytes (documentBase64)'));
  } else if (fields.document !== undefined) {
    const read = asDocument(fields.document, 'document');
    if ('violation' in read) problems.push(read.violation);
    else document = read.document;
  } else {
    const bytes = typeof fields.documentBase64 === 'string' ? decodeBase64(fields.documentBase64) : undefined;
    const read = bytes ? readDocument(bytes, 'documentBase64') : { violation: violation(VerificationInputRule.FIELD, 'documentBase64', 'documentBase64 must be base64') };
    if ('violation' in read) problems.push(read.violation);
    else document = read.document;
  }
  let signatureDer: Buffer | undefined;
  if (typeof fields.signature !== 'string') {
    problems.push(violation(VerificationInputRule.FIELD, 'signature', 'signature is required with a document: base64 DER or PEM text'));
  } else {
    const read = readSignature(fields.signature, 'signature');
    if ('violation' in read) problems.push(read.violation);
    else signatureDer = read.der;
  }
  if (problems.length > 0 || !document || !signatureDer) return { violations: problems };
  return { subject: { method: VerificationMethod.DOCUMENT, document, signatureDer } };
}

/** Who a document says issued it: the identity the hub looks its record up by. */
export function claimedIdentity(document: Record<string, unknown>): { issuingAuthority: string; certificateNumber: string; copyNumber: number } | undefined {
  const { issuingAuthority, certificateNumber } = document;
  const copyNumber = document.copyNumber ?? 0;
  if (typeof issuingAuthority !== 'string' || !IDENTIFIER.test(issuingAuthority)) return undefined;
  if (typeof certificateNumber !== 'string' || !IDENTIFIER.test(certificateNumber)) return undefined;
  if (typeof copyNumber !== 'number' || !Number.isInteger(copyNumber) || copyNumber < 0) return undefined;
  return { issuingAuthority, certificateNumber, copyNumber };
}
