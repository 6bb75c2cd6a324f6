import { createHash } from 'node:crypto';
import { bytesMatchType } from '../../core/validation/content-sniffing';

/** What evidence may be: documents and scans, nothing executable or active. */
export const ALLOWED_ATTACHMENT_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg', 'application/xml', 'text/plain'];

export interface AttachmentLimits {
  /** Largest attachment, in bytes (decoded). */
  maxBytes: number;
  /** Largest sum of the attachments of one message, in bytes (decoded). */
  maxTotalBytes: number;
  maxCount: number;
}

export enum AttachmentRule {
  TOO_LARGE = 'CASE-ATT-001',
  TYPE_NOT_ALLOWED = 'CASE-ATT-002',
  NOT_BASE64 = 'CASE-ATT-003',
  /** The bytes are not what the content type says (a PDF that does not start %PDF-, text that is not UTF-8). */
  CONTENT_MISMATCH = 'CASE-ATT-004',
  FILE_NAME = 'CASE-ATT-005',
  TOO_MANY = 'CASE-ATT-006',
  /** A carried attachment whose bytes do not hash to, or measure, what the signed message says. */
  HASH_MISMATCH = 'CASE-ATT-007',
}

export interface AttachmentUpload {
  fileName: string;
  contentType: string;
  /** The bytes, base64. */
  content: string;
}

/** An attachment as a partner hub's message carries it: the upload plus what the sender computed. */
export interface CarriedAttachment extends AttachmentUpload {
  size: number;
  sha256: string;
}

export interface CheckedAttachment {
  fileName: string;
  contentType: string;
  size: number;
  /** SHA-256 of the bytes, hex: it travels inside the signed envelope. */
  sha256: string;
  bytes: Buffer;
}

export interface AttachmentProblem {
  ruleId: AttachmentRule;
  path: string;
  message: string;
}

export interface AttachmentCheck {
  attachments: CheckedAttachment[];
  problems: AttachmentProblem[];
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]/;

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

function fileNameProblem(fileName: string): string | undefined {
  if (fileName.length === 0 || fileName.length > 255) return 'must be 1 to 255 characters';
  if (UNSAFE_NAME.test(fileName) || fileName === '.' || fileName === '..') return 'must be a plain file name, without path separators or control characters';
  return undefined;
}

/**
 * Checks attachments an authority uploads (base64 in JSON) against the limits and the allow-list,
 * every problem at once, and hashes the ones that pass. The size is judged from the base64 length
 * before anything is decoded.
 */
export function checkAttachments(uploads: AttachmentUpload[], limits: AttachmentLimits, path = 'attachments'): AttachmentCheck {
  const problems: AttachmentProblem[] = [];
  const attachments: CheckedAttachment[] = [];
  if (uploads.length > limits.maxCount) problems.push({ ruleId: AttachmentRule.TOO_MANY, path, message: `at most ${limits.maxCount} attachments per message, ${uploads.length} given` });
  let total = 0;
  uploads.forEach((upload, i) => {
    const at = `${path}[${i}]`;
    const before = problems.length;
    const nameProblem = fileNameProblem(upload.fileName);
    if (nameProblem) problems.push({ ruleId: AttachmentRule.FILE_NAME, path: `${at}.fileName`, message: nameProblem });
    const typeAllowed = ALLOWED_ATTACHMENT_TYPES.includes(upload.contentType);
    if (!typeAllowed) problems.push({ ruleId: AttachmentRule.TYPE_NOT_ALLOWED, path: `${at}.contentType`, message: `${upload.contentType} is not allowed; allowed: ${ALLOWED_ATTACHMENT_TYPES.join(', ')}` });
    if (upload.content.length === 0 || upload.content.length % 4 !== 0 || !BASE64.test(upload.content)) {
      problems.push({ ruleId: AttachmentRule.NOT_BASE64, path: `${at}.content`, message: 'must be the bytes of a non-empty file in base64 (RFC 4648, padded)' });
      return;
    }
    const size = decodedLength(upload.content);
    total += size;
    if (size > limits.maxBytes) {
      problems.push({ ruleId: AttachmentRule.TOO_LARGE, path: `${at}.content`, message: `${size} bytes; an attachment may have at most ${limits.maxBytes}` });
      return;
    }
    if (problems.length > before) return;
    const bytes = Buffer.from(upload.content, 'base64');
    if (!bytesMatchType(upload.contentType, bytes)) {
      problems.push({ ruleId: AttachmentRule.CONTENT_MISMATCH, path: `${at}.content`, message: `the bytes are not ${upload.contentType}` });
      return;
    }
    attachments.push({ fileName: upload.fileName.normalize('NFC'), contentType: upload.contentType, size: bytes.length, sha256: sha256Of(bytes), bytes });
  });
  if (total > limits.maxTotalBytes) problems.push({ ruleId: AttachmentRule.TOO_LARGE, path, message: `${total} bytes in all; a message may carry at most ${limits.maxTotalBytes}` });
  return { attachments: problems.length > 0 ? [] : attachments, problems };
}

/**
 * Checks attachments a partner hub's message carries: the same limits and allow-list, and the bytes
 * must measure and hash to what the signed message says they are.
 */
export function checkCarriedAttachments(carried: CarriedAttachment[], limits: AttachmentLimits, path: string): AttachmentCheck {
  const checked = checkAttachments(carried, limits, path);
  if (checked.problems.length > 0) return checked;
  const problems: AttachmentProblem[] = [];
  checked.attachments.forEach((attachment, i) => {
    const declared = carried[i];
    if (attachment.sha256 !== declared.sha256 || attachment.size !== declared.size) {
      problems.push({ ruleId: AttachmentRule.HASH_MISMATCH, path: `${path}[${i}]`, message: `the bytes (${attachment.size} bytes, SHA-256 ${attachment.sha256}) are not the ${declared.size} bytes with SHA-256 ${declared.sha256} the message names` });
    }
  });
  return problems.length > 0 ? { attachments: [], problems } : checked;
}

export function isTooLarge(problems: AttachmentProblem[]): boolean {
  return problems.some((p) => p.ruleId === AttachmentRule.TOO_LARGE);
}
