import type { Violation } from '../../core/errors/violation';
import { SupportingDocumentKind } from './application-status';
import { sha256Hex } from '../../core/canonical/canonical-json';
import { bytesMatchType } from '../../core/validation/content-sniffing';

/** The file types a supporting document may have; the bytes must match the declared one. */
export const ALLOWED_DOCUMENT_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg', 'application/xml', 'text/plain', 'text/csv'];

// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]/;

export interface DocumentUpload {
  kind: string | undefined;
  fileName: string | undefined;
  contentType: string | undefined;
  bytes: Buffer | undefined;
}

export interface CheckedDocument {
  kind: SupportingDocumentKind;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  bytes: Buffer;
}

/**
 * Checks one uploaded supporting document: its kind, a plain file name, an allowed type that its
 * bytes match, not empty and within the size limit; every problem at once. Hashes it when it passes.
 */
export function checkDocument(upload: DocumentUpload, maxBytes: number): { document?: CheckedDocument; problems: Violation[] } {
  const problems: Violation[] = [];
  const problem = (ruleId: string, path: string, message: string) => problems.push({ ruleId, severity: 'error', path, message });
  const kinds = Object.values(SupportingDocumentKind) as string[];
  if (upload.kind === undefined) problem('APP-UPLOAD-001', 'kind', `the kind part is missing: one of ${kinds.join(', ')}`);
  else if (!kinds.includes(upload.kind)) problem('APP-UPLOAD-001', 'kind', `${upload.kind} is not a kind of supporting document: one of ${kinds.join(', ')}`);
  const fileName = upload.fileName ?? '';
  if (fileName.length === 0 || fileName.length > 255) problem('APP-UPLOAD-002', 'file.fileName', 'the file name must be 1 to 255 characters');
  else if (UNSAFE_NAME.test(fileName) || fileName === '.' || fileName === '..') problem('APP-UPLOAD-002', 'file.fileName', 'the file name must be plain, without path separators or control characters');
  const contentType = (upload.contentType ?? '').split(';')[0].trim().toLowerCase();
  const typeAllowed = ALLOWED_DOCUMENT_TYPES.includes(contentType);
  if (!typeAllowed) problem('APP-UPLOAD-003', 'file.contentType', `${contentType || 'no type'} is not allowed; allowed: ${ALLOWED_DOCUMENT_TYPES.join(', ')}`);
  const bytes = upload.bytes;
  if (bytes === undefined) problem('APP-UPLOAD-004', 'file', 'the file part is missing');
  else if (bytes.length === 0) problem('APP-UPLOAD-004', 'file', 'the file is empty');
  else if (bytes.length > maxBytes) problem('APP-UPLOAD-005', 'file', `${bytes.length} bytes; a supporting document may have at most ${maxBytes}`);
  else if (typeAllowed && !bytesMatchType(contentType, bytes)) problem('APP-UPLOAD-006', 'file', `the bytes are not ${contentType}`);
  if (problems.length > 0 || !bytes) return { problems };
  return {
    problems,
    document: {
      kind: upload.kind as SupportingDocumentKind,
      fileName: fileName.normalize('NFC'),
      contentType,
      size: bytes.length,
      sha256: sha256Hex(bytes),
      bytes,
    },
  };
}
