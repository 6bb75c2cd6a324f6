import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: the bytes that get hashed and signed. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}

/** SHA-256 of the bytes (a string is taken as UTF-8), lower-case hex. */
export function sha256Hex(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
