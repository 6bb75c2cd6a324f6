import { canonicalJson, sha256Hex } from '../core/canonical/canonical-json';
import { normalizeHsCode } from './hs/hs-code';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function normalizeValue(value: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value.normalize('NFC');
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((element) => normalizeValue(element) ?? null);
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, child] of Object.entries(value)) {
      const normalized = normalizeValue(child);
      if (normalized !== undefined) out[key] = normalized;
    }
    return out;
  }
  throw new TypeError(`a certificate document cannot hold a ${typeof value}`);
}

/**
 * The stored and signed form of a certificate document: every string NFC-normalised, `items[].hsCode`
 * `NNNN.NN` written `NNNNNN`, undefined properties dropped, class instances turned into plain objects.
 * Nothing is trimmed: the signed text is what the issuer sent, save for Unicode normalisation.
 */
export function normalizeDocument<T extends object>(doc: T): T {
  const plain = normalizeValue(doc);
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new TypeError('a certificate document must be an object');
  }
  const items = plain.items;
  if (Array.isArray(items)) {
    for (const item of items) {
      if (item && typeof item === 'object' && !Array.isArray(item) && typeof item.hsCode === 'string') {
        item.hsCode = normalizeHsCode(item.hsCode);
      }
    }
  }
  return plain as unknown as T;
}

/**
 * What the hub stores of a body that passed the shape check (the DTO instance, or the plain body):
 * its JSON, normalised. A stored form passes the shape check again and is its own stored form
 * (canonical.stored-form.spec.ts): a draft's issue checks it again and signs what it stored.
 */
export function storedDocumentForm(value: object): Record<string, unknown> {
  return normalizeDocument(JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}

/** SHA-256 of the RFC 8785 form of a document: its hash as referred to in envelopes. */
export function documentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
