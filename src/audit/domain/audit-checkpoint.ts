import { X509Certificate, createHash, verify } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/** Names what the signed bytes are, so a checkpoint signature cannot pass for any other signature of the node. */
export const CHECKPOINT_FORMAT = 'e-coo-hub-audit-checkpoint/1';
/** RSASSA-PKCS1-v1_5 with SHA-256, as the node signs envelopes. */
export const CHECKPOINT_ALGORITHM = 'RSA-SHA256';

/** What a checkpoint states: the chain holds `head` as the hash of entry `seq`, as of `time`. */
export interface CheckpointStatement {
  /** Decimal string (a PostgreSQL bigint). */
  seq: string;
  /** Hex SHA-256 of entry `seq`. */
  head: string;
  /** ISO 8601 UTC with milliseconds. */
  time: string;
}

/** A checkpoint as the hub serves it, and as an auditor keeps it. */
export interface SignedCheckpoint extends CheckpointStatement {
  format: string;
  algorithm: string;
  /** Base64 of the signature over checkpointSigningInput(). */
  signature: string;
  /** Hex SHA-256 of the signer certificate's DER. */
  keyId: string;
  /** The signer certificate, PEM. */
  certificate: string;
}

/**
 * The signed bytes: the RFC 8785 form of `{format, head, seq, time}` (all strings, so the same as the
 * object with its keys sorted and no spaces; `jq -jcS '{format, head, seq, time}'` rebuilds it).
 */
export function checkpointSigningInput(statement: CheckpointStatement): Buffer {
  return Buffer.from(canonicalize({ format: CHECKPOINT_FORMAT, head: statement.head, seq: statement.seq, time: statement.time }), 'utf8');
}

export enum CheckpointProblem {
  MALFORMED = 'CHECKPOINT_MALFORMED',
  SIGNATURE_INVALID = 'CHECKPOINT_SIGNATURE_INVALID',
  SIGNER_UNTRUSTED = 'CHECKPOINT_SIGNER_UNTRUSTED',
  ENTRY_MISSING = 'CHECKPOINT_ENTRY_MISSING',
  HEAD_MISMATCH = 'CHECKPOINT_HEAD_MISMATCH',
}

export interface CheckpointFinding {
  problem: CheckpointProblem;
  message: string;
}

const SEQ = /^[1-9]\d{0,18}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function certificateKeyId(certificate: X509Certificate): string {
  return createHash('sha256').update(certificate.raw).digest('hex');
}

/**
 * Reads a checkpoint kept outside the hub (a file, an answer of GET /v1/audit/checkpoint) and names
 * every field that is missing or malformed. The signature is not checked here.
 */
export function readCheckpoint(value: unknown): { checkpoint: SignedCheckpoint; problems: [] } | { checkpoint?: undefined; problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problems: ['a checkpoint is a JSON object'] };
  const v = value as Record<string, unknown>;
  const problems: string[] = [];
  const text = (name: string, pattern: RegExp, what: string): string => {
    const field = v[name];
    if (typeof field !== 'string' || !pattern.test(field)) problems.push(`${name} must be ${what}`);
    return typeof field === 'string' ? field : '';
  };
  const exactly = (name: string, expected: string): string => {
    if (v[name] !== expected) problems.push(`${name} must be "${expected}"`);
    return expected;
  };
  const format = exactly('format', CHECKPOINT_FORMAT);
  const seq = text('seq', SEQ, 'a whole number from 1, as a string');
  const head = text('head', HEX64, '64 lowercase hex digits');
  const time = text('time', TIME, 'an ISO 8601 UTC time with milliseconds');
  if (TIME.test(time) && Number.isNaN(Date.parse(time))) problems.push('time must be a real date');
  const algorithm = exactly('algorithm', CHECKPOINT_ALGORITHM);
  const signature = text('signature', BASE64, 'base64');
  const keyId = text('keyId', HEX64, '64 lowercase hex digits');
  const certificate = text('certificate', /^-----BEGIN CERTIFICATE-----/, 'a PEM certificate');
  if (certificate.startsWith('-----BEGIN CERTIFICATE-----')) {
    try {
      new X509Certificate(certificate);
    } catch {
      problems.push('certificate is not a readable X.509 certificate');
    }
  }
  if (problems.length > 0) return { problems };
  return { checkpoint: { format, seq, head, time, algorithm, signature, keyId, certificate }, problems: [] };
}

/**
 * Checks a checkpoint's signature with the certificate it carries, and, when the auditor gave the
 * certificates they trust, that the signer is one of them or was issued by one of them (and was valid
 * at the checkpoint's time). Without `trusted` any signer passes whose signature verifies: that
 * catches an altered checkpoint, not one re-signed by someone else.
 */
export function checkCheckpointSignature(checkpoint: SignedCheckpoint, trusted?: readonly X509Certificate[]): CheckpointFinding | undefined {
  let signer: X509Certificate;
  try {
    signer = new X509Certificate(checkpoint.certificate);
  } catch {
    return { problem: CheckpointProblem.MALFORMED, message: 'the signer certificate cannot be read' };
  }
  if (certificateKeyId(signer) !== checkpoint.keyId) {
    return { problem: CheckpointProblem.SIGNATURE_INVALID, message: `keyId ${checkpoint.keyId} does not name the certificate it carries` };
  }
  if (!signatureVerifies(checkpoint, signer)) return { problem: CheckpointProblem.SIGNATURE_INVALID, message: `the signature does not match seq=${checkpoint.seq} head=${checkpoint.head} time=${checkpoint.time} under key ${checkpoint.keyId}` };
  if (trusted && !trusted.some((anchor) => vouchesFor(anchor, signer, new Date(checkpoint.time)))) {
    return { problem: CheckpointProblem.SIGNER_UNTRUSTED, message: `signed by ${signer.subject.replace(/\n/g, ', ')} (key ${checkpoint.keyId}), which is none of the trusted certificates nor issued by one` };
  }
  return undefined;
}

function signatureVerifies(checkpoint: SignedCheckpoint, signer: X509Certificate): boolean {
  try {
    return checkpoint.algorithm === CHECKPOINT_ALGORITHM && verify('sha256', checkpointSigningInput(checkpoint), signer.publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

function vouchesFor(anchor: X509Certificate, signer: X509Certificate, at: Date): boolean {
  if (anchor.raw.equals(signer.raw)) return true;
  const inValidity = new Date(signer.validFrom) <= at && at <= new Date(signer.validTo);
  try {
    return inValidity && signer.checkIssued(anchor) && signer.verify(anchor.publicKey);
  } catch {
    return false;
  }
}

/** Whether the chain holds the checkpoint's head at its sequence number (`hashAtSeq`: null when it has no such entry). */
export function checkCheckpointHead(checkpoint: CheckpointStatement, hashAtSeq: string | null): CheckpointFinding | undefined {
  if (hashAtSeq === null) {
    return { problem: CheckpointProblem.ENTRY_MISSING, message: `the chain has no entry ${checkpoint.seq}, which the checkpoint of ${checkpoint.time} covers` };
  }
  if (hashAtSeq !== checkpoint.head) {
    return {
      problem: CheckpointProblem.HEAD_MISMATCH,
      message: `entry ${checkpoint.seq} hashes to ${hashAtSeq} but the checkpoint of ${checkpoint.time} says ${checkpoint.head}: the log was rewritten since`,
    };
  }
  return undefined;
}
