import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { RequestError, RequestErrorCode } from '../../../core/errors/request-error';
import { isUnreadableJson } from '../../../core/validation/hostile-input-rules';
import type { Violation } from '../../../core/errors/violation';
import { readCredential, readDocument, readSignature, VerificationInputRule, VerificationMethod, VerificationSubject } from '../domain/verification-input';

const FIELDS = ['document', 'signature', 'credential'] as const;
type Field = (typeof FIELDS)[number];

// busboy's limit errors, raised through @fastify/multipart: all mean "larger than allowed".
const TOO_LARGE = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/**
 * A multipart upload (`document`: the JSON file, `signature`: DER, PEM or base64), each as a file or a
 * field. Larger than the upload limit is 413; anything unreadable is 400 or 422, never a 500.
 */
export async function readMultipartSubject(request: FastifyRequest): Promise<VerificationSubject> {
  const received = new Map<Field, Buffer>();
  const problems: Violation[] = [];
  try {
    for await (const part of request.parts()) {
      const name = part.fieldname;
      const bytes = part.type === 'file' ? await (part as MultipartFile).toBuffer() : fieldBytes(part as MultipartValue);
      if (!(FIELDS as readonly string[]).includes(name)) {
        problems.push({ ruleId: 'SHAPE-whitelistValidation', severity: 'error', path: name, message: `unknown part ${name}: send document and signature, or credential` });
      } else if (received.has(name as Field)) {
        problems.push({ ruleId: VerificationInputRule.ONE_SUBJECT, severity: 'error', path: name, message: `${name} is given twice` });
      } else {
        received.set(name as Field, bytes);
      }
    }
  } catch (error) {
    throw uploadError(error);
  }
  // A credential alone (its compact JWS is its own signature), or a document with its signature.
  if (received.has('credential')) {
    if (received.has('document') || received.has('signature')) {
      problems.push({ ruleId: VerificationInputRule.ONE_SUBJECT, severity: 'error', path: 'credential', message: 'send a credential alone, or a document with its signature' });
    }
    const read = readCredential(received.get('credential') as Buffer, 'credential');
    if ('violations' in read) problems.push(...read.violations);
    if (problems.length > 0 || 'violations' in read) throw RequestError.validation(problems);
    return { method: VerificationMethod.CREDENTIAL, jws: read.jws, credential: read.credential };
  }
  for (const field of ['document', 'signature'] as const) {
    if (!received.has(field)) problems.push({ ruleId: VerificationInputRule.ONE_SUBJECT, severity: 'error', path: field, message: `the ${field} part is missing` });
  }
  const document = received.has('document') ? readDocument(received.get('document') as Buffer, 'document') : undefined;
  const signature = received.has('signature') ? readSignature(received.get('signature') as Buffer, 'signature') : undefined;
  if (document && 'violation' in document) problems.push(document.violation);
  if (signature && 'violation' in signature) problems.push(signature.violation);
  // A document with no single reading is a malformed body, as it would be sent as JSON.
  if (problems.some(isUnreadableJson)) throw new RequestError(RequestErrorCode.MALFORMED_BODY, 'The document part is not readable JSON', { violations: problems });
  if (problems.length > 0 || !document || !signature || 'violation' in document || 'violation' in signature) throw RequestError.validation(problems);
  return { method: VerificationMethod.DOCUMENT, document: document.document, signatureDer: signature.der };
}

function fieldBytes(part: MultipartValue): Buffer {
  // busboy cuts a field at fieldSize and only flags it: a cut document is too large, not a shorter one.
  if (part.valueTruncated) throw new RequestError(RequestErrorCode.PAYLOAD_TOO_LARGE, `The ${part.fieldname} part is larger than this hub accepts`);
  // Fields are decoded as latin1 (create-app's multipart options), one byte to one character, so
  // these are the bytes sent: invalid UTF-8 is refused by the document reader, not replaced.
  return Buffer.from(String(part.value), 'latin1');
}

function uploadError(error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  const code = (error as { code?: string }).code;
  if (code && TOO_LARGE.has(code)) return new RequestError(RequestErrorCode.PAYLOAD_TOO_LARGE, 'The upload is larger than this hub accepts (one document and one signature, each within the upload limit)');
  return new RequestError(RequestErrorCode.MALFORMED_BODY, 'The multipart body cannot be read');
}
