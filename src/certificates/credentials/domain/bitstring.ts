import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/), the pure part:
 * a list of fixed-size status entries, index 0 at the left-most bit (the most significant bit of the
 * first byte), each entry `statusSize` bits read most significant bit first; published GZIP-compressed
 * (RFC 1952) and base64url-encoded without padding (RFC 4648) behind the multibase prefix `u`.
 */

/** The spec's minimum list size, for herd privacy: no list is published with fewer entries. */
export const MIN_LIST_ENTRIES = 131_072;

export function bitstringBytes(entries: number, statusSize: number): number {
  if (!Number.isSafeInteger(entries) || entries <= 0 || !Number.isInteger(statusSize) || statusSize < 1 || statusSize > 8) {
    throw new RangeError(`no bitstring of ${entries} entries of ${statusSize} bits`);
  }
  return Math.ceil((entries * statusSize) / 8);
}

/** An all-zero bitstring: every entry at status 0. */
export function emptyBitstring(entries: number, statusSize: number): Buffer {
  return Buffer.alloc(bitstringBytes(entries, statusSize));
}

export function entriesOf(bits: Buffer, statusSize: number): number {
  return Math.floor((bits.length * 8) / statusSize);
}

function checkIndex(bits: Buffer, index: number, statusSize: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= entriesOf(bits, statusSize)) {
    throw new RangeError(`index ${index} is outside a list of ${entriesOf(bits, statusSize)} entries`);
  }
}

export function statusAt(bits: Buffer, index: number, statusSize: number): number {
  checkIndex(bits, index, statusSize);
  let value = 0;
  for (let i = 0; i < statusSize; i++) {
    const bit = index * statusSize + i;
    value = (value << 1) | ((bits[bit >> 3] >> (7 - (bit & 7))) & 1);
  }
  return value;
}

/** A copy of the bitstring with the entry at `index` set to `value`. */
export function withStatus(bits: Buffer, index: number, statusSize: number, value: number): Buffer {
  checkIndex(bits, index, statusSize);
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** statusSize) throw new RangeError(`status ${value} does not fit in ${statusSize} bits`);
  const out = Buffer.from(bits);
  for (let i = 0; i < statusSize; i++) {
    const bit = index * statusSize + i;
    const mask = 1 << (7 - (bit & 7));
    const on = (value >> (statusSize - 1 - i)) & 1;
    out[bit >> 3] = on ? out[bit >> 3] | mask : out[bit >> 3] & ~mask;
  }
  return out;
}

/** The bitstring with room for `entries` entries, the existing ones kept at their indexes. */
export function grown(bits: Buffer, entries: number, statusSize: number): Buffer {
  const size = bitstringBytes(entries, statusSize);
  if (size < bits.length) throw new RangeError('a status list never shrinks: published indexes must stay');
  return Buffer.concat([bits, Buffer.alloc(size - bits.length)]);
}

/**
 * encodedList: GZIP, then base64url without padding, behind the multibase prefix `u`. Level 1: a list
 * is compressed inside the transaction of the change that moved its bit, holding the list's lock; on a
 * 131,072-entry 2-bit list with 5,000 entries set it took 0.4 ms for 7.2 KB, against 4.3 ms for 5.6 KB
 * at level 6 and 39 ms for 5.2 KB at level 9 (this machine, under load).
 */
export function encodeList(bits: Buffer): string {
  return `u${gzipSync(bits, { level: 1 }).toString('base64url')}`;
}

/**
 * The bitstring an encodedList holds. Refuses anything but a `u`-prefixed base64url GZIP stream, and
 * a stream that inflates past `maxBytes` (a decompression bomb from an untrusted list).
 */
export function decodeList(encoded: string, maxBytes = 16 * 1024 * 1024): Buffer {
  if (typeof encoded !== 'string' || !encoded.startsWith('u') || !/^[A-Za-z0-9_-]+$/.test(encoded.slice(1))) {
    throw new RangeError('encodedList is not multibase base64url (prefix u)');
  }
  try {
    return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: maxBytes });
  } catch {
    throw new RangeError('encodedList is not a GZIP stream of at most ' + maxBytes + ' bytes');
  }
}
