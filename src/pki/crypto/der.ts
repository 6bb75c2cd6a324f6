import * as forge from 'node-forge';

// DER helpers. Encoding is done by hand on Buffers (the CMS signer builds a SignedData per signature and
// must stay close to the raw RSA rate). Parsing is done by hand too, within DER_LIMITS, into node-forge's
// ASN.1 node shape (which its PKCS#12 reader consumes); node-forge's own reader accepts BER, recurses
// 256 levels deep and reads long lengths as overflowing 32-bit integers.

type Asn1 = forge.asn1.Asn1;
const { Class, Type } = forge.asn1;

export class Asn1StructureError extends Error {
  override readonly name = 'Asn1StructureError';
}

export function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function derTlv(tag: number, ...parts: Buffer[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  return Buffer.concat([Buffer.from([tag]), derLength(length), ...parts]);
}

export const derSequence = (...items: Buffer[]): Buffer => derTlv(0x30, ...items);

// X.690 11.6: the elements of a DER SET OF are sorted by their encodings, as octet strings.
export function derSetOf(items: Buffer[], tag = 0x31): Buffer {
  return derTlv(tag, ...[...items].sort(Buffer.compare));
}

export function derOid(oid: string): Buffer {
  return derTlv(0x06, Buffer.from(forge.asn1.oidToDer(oid).getBytes(), 'latin1'));
}

export const DER_NULL = Buffer.from([0x05, 0x00]);

export function derSmallInteger(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 127) throw new RangeError(`not a small integer: ${value}`);
  return Buffer.from([0x02, 0x01, value]);
}

// A non-negative INTEGER from hex, minimally encoded (a leading 00 only when the high bit is set).
export function derPositiveIntegerFromHex(hex: string): Buffer {
  const clean = normalizeSerialHex(hex);
  let bytes = Buffer.from(clean.length % 2 === 0 ? clean : `0${clean}`, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return derTlv(0x02, bytes);
}

export const derOctetString = (value: Buffer): Buffer => derTlv(0x04, value);

export const derBitString = (value: Buffer): Buffer => derTlv(0x03, Buffer.from([0]), value);

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

// RFC 5280 4.1.2.5 and RFC 5652 11.3: UTCTime for 1950-2049, GeneralizedTime otherwise; seconds, Zulu.
export function derTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const rest =
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    'Z';
  if (year >= 1950 && year < 2050) return derTlv(0x17, Buffer.from(pad(year % 100) + rest, 'latin1'));
  return derTlv(0x18, Buffer.from(pad(year, 4) + rest, 'latin1'));
}

// Serial numbers compare as lowercase hex without leading zeros (forge keeps a sign byte, OpenSSL does not).
export function normalizeSerialHex(hex: string): string {
  const clean = hex.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(clean)) throw new RangeError(`not a hex serial number: ${hex}`);
  return clean.replace(/^0+(?=.)/, '');
}

// What the readers accept, whoever sends the bytes. Real certificates, CRLs, CMS signatures and
// PKCS#12 files nest about 12 levels deep, hold well under one element per 4 bytes and carry no
// INTEGER longer than an RSA-16384 modulus (2 KiB); past these bounds the reader stops at once, so
// its work stays proportional to the input and its recursion shallow.
export const DER_LIMITS = {
  maxBytes: 8 * 1024 * 1024,
  maxDepth: 32,
  // Elements per input byte: each TLV takes at least 2 bytes, so a bomb of empty SEQUENCEs is the
  // densest input there is; real structures take 7 (a CRL of short serials) to 15 bytes per element.
  elementsBase: 64,
  bytesPerElement: 4,
  maxIntegerBytes: 8 * 1024,
  maxOidBytes: 64,
} as const;

export interface ParseAsn1Options {
  // BER: indefinite lengths, non-minimal lengths and constructed strings, as PKCS#12 files written
  // by some platforms and streamed CMS use. Certificates and CRLs are DER (RFC 5280 4.1, 5.1).
  ber?: boolean;
}

// Where each node was read from, kept on the node itself (a WeakMap of a million entries made garbage
// collection the slowest part of reading a hostile input).
const SOURCE = Symbol('der source');
interface ReadNode extends Asn1 {
  [SOURCE]: { der: Buffer; start: number; end: number };
}

const TYPE_NAMES: Partial<Record<forge.asn1.Type, string>> = {
  [Type.BOOLEAN]: 'BOOLEAN',
  [Type.INTEGER]: 'INTEGER',
  [Type.BITSTRING]: 'BIT STRING',
  [Type.OCTETSTRING]: 'OCTET STRING',
  [Type.OID]: 'OBJECT IDENTIFIER',
  [Type.ENUMERATED]: 'ENUMERATED',
};

// Universal types that are primitive in BER and DER alike (X.690 8.2, 8.3, 8.4, 8.8, 8.19).
const ALWAYS_PRIMITIVE = new Set<number>([Type.BOOLEAN, Type.INTEGER, Type.NULL, Type.OID, Type.ENUMERATED]);
// Universal types DER encodes primitive (X.690 10.2); only SEQUENCE, SET, EXTERNAL and EMBEDDED PDV
// are constructed.
const CONSTRUCTED_UNIVERSAL = new Set<number>([Type.SEQUENCE, Type.SET, 8, 11]);

class DerReader {
  private elements = 0;
  private readonly maxElements: number;

  constructor(
    private readonly der: Buffer,
    private readonly ber: boolean,
  ) {
    this.maxElements = DER_LIMITS.elementsBase + Math.floor(der.length / DER_LIMITS.bytesPerElement);
  }

  // One TLV at `offset`, which must end by `end`; returns the node and the offset after it.
  read(offset: number, end: number, depth: number): { node: Asn1; next: number } {
    const der = this.der;
    if (depth > DER_LIMITS.maxDepth) throw new Asn1StructureError(`nested deeper than ${DER_LIMITS.maxDepth} levels`);
    if (++this.elements > this.maxElements) {
      throw new Asn1StructureError(`more than ${this.maxElements} elements in ${der.length} bytes`);
    }
    if (offset + 2 > end) throw new Asn1StructureError(`truncated element at offset ${offset}`);
    const identifier = der[offset];
    const tagClass = identifier & 0xc0;
    const constructed = (identifier & 0x20) !== 0;
    const type = identifier & 0x1f;
    if (type === 0x1f) throw new Asn1StructureError(`high tag number at offset ${offset}: not used by the structures the hub reads`);
    if (tagClass === Class.UNIVERSAL && type === 0) throw new Asn1StructureError(`unexpected end-of-contents at offset ${offset}`);
    const { contentStart, length } = this.readLength(offset, end, constructed);
    this.checkUniversal(tagClass, type, constructed, contentStart, length, offset);

    if (!constructed) {
      const contentEnd = contentStart + (length as number);
      // Like node-forge, a BMPString is decoded (UTF-16BE); every other value is its octets as latin1.
      const value =
        tagClass === Class.UNIVERSAL && type === Type.BMPSTRING
          ? Buffer.from(der.subarray(contentStart, contentEnd)).swap16().toString('utf16le')
          : der.toString('latin1', contentStart, contentEnd);
      return this.node(tagClass, type, false, value, offset, contentEnd);
    }
    const children: Asn1[] = [];
    let position = contentStart;
    if (length === undefined) {
      // Indefinite length (BER only): children until the end-of-contents octets 00 00.
      for (;;) {
        if (position + 2 > end) throw new Asn1StructureError(`indefinite-length element at offset ${offset} has no end-of-contents`);
        if (der[position] === 0 && der[position + 1] === 0) break;
        const child = this.read(position, end, depth + 1);
        children.push(child.node);
        position = child.next;
      }
      return this.node(tagClass, type, true, children, offset, position + 2);
    }
    const contentEnd = contentStart + length;
    while (position < contentEnd) {
      const child = this.read(position, contentEnd, depth + 1);
      children.push(child.node);
      position = child.next;
    }
    return this.node(tagClass, type, true, children, offset, contentEnd);
  }

  private readLength(offset: number, end: number, constructed: boolean): { contentStart: number; length: number | undefined } {
    const der = this.der;
    const first = der[offset + 1];
    if (first < 0x80) return this.fits(offset, end, offset + 2, first);
    if (first === 0x80) {
      if (!this.ber) throw new Asn1StructureError(`indefinite length at offset ${offset}: not DER`);
      if (!constructed) throw new Asn1StructureError(`indefinite length on a primitive element at offset ${offset}`);
      return { contentStart: offset + 2, length: undefined };
    }
    const count = first & 0x7f;
    // 0xff is reserved (X.690 8.1.3.5); lengths past 4 octets exceed any input the hub accepts.
    if (count > 4) throw new Asn1StructureError(`length of ${count} octets at offset ${offset}`);
    if (offset + 2 + count > end) throw new Asn1StructureError(`truncated length at offset ${offset}`);
    const length = der.readUIntBE(offset + 2, count);
    if (!this.ber && (length < 0x80 || der[offset + 2] === 0)) {
      throw new Asn1StructureError(`length at offset ${offset} not in its shortest form: not DER`);
    }
    return this.fits(offset, end, offset + 2 + count, length);
  }

  private fits(offset: number, end: number, contentStart: number, length: number): { contentStart: number; length: number } {
    if (contentStart + length > end) {
      throw new Asn1StructureError(`element at offset ${offset} claims ${length} bytes, ${end - contentStart} remain`);
    }
    return { contentStart, length };
  }

  private checkUniversal(tagClass: number, type: number, constructed: boolean, start: number, length: number | undefined, offset: number): void {
    if (tagClass !== Class.UNIVERSAL) return;
    const name = TYPE_NAMES[type as forge.asn1.Type] ?? `universal type ${type}`;
    if (CONSTRUCTED_UNIVERSAL.has(type)) {
      if (!constructed) throw new Asn1StructureError(`${name} at offset ${offset} must be constructed`);
      return;
    }
    if (constructed) {
      if (ALWAYS_PRIMITIVE.has(type) || !this.ber) throw new Asn1StructureError(`${name} at offset ${offset} must be primitive`);
      return;
    }
    const bytes = length as number;
    const der = this.der;
    switch (type) {
      case Type.BOOLEAN:
        if (bytes !== 1) throw new Asn1StructureError(`BOOLEAN at offset ${offset} is not one octet`);
        break;
      case Type.NULL:
        if (bytes !== 0) throw new Asn1StructureError(`NULL at offset ${offset} is not empty`);
        break;
      case Type.INTEGER:
      case Type.ENUMERATED:
        if (bytes === 0) throw new Asn1StructureError(`empty ${name} at offset ${offset}`);
        if (bytes > DER_LIMITS.maxIntegerBytes) {
          throw new Asn1StructureError(`${name} of ${bytes} bytes at offset ${offset}, more than ${DER_LIMITS.maxIntegerBytes}`);
        }
        break;
      case Type.OID:
        checkOidContent(der.subarray(start, start + bytes), `at offset ${offset}`);
        break;
      case Type.BITSTRING:
        if (bytes === 0 || der[start] > 7 || (bytes === 1 && der[start] !== 0)) {
          throw new Asn1StructureError(`BIT STRING at offset ${offset} has a bad unused-bits octet`);
        }
        break;
      case Type.BMPSTRING:
        if (bytes % 2 !== 0) throw new Asn1StructureError(`BMPString at offset ${offset} has an odd length`);
        break;
      default:
    }
  }

  private node(tagClass: number, type: number, constructed: boolean, value: string | Asn1[], offset: number, next: number): { node: Asn1; next: number } {
    // The shape forge.asn1.create makes, without its copy of every child list.
    const node: ReadNode = {
      tagClass: tagClass as forge.asn1.Class,
      type,
      constructed,
      composed: constructed,
      value,
      [SOURCE]: { der: this.der, start: offset, end: next },
    };
    return { node, next };
  }
}

// X.690 8.19: subidentifiers in base 128, the last octet of each with bit 8 clear, none led by 0x80.
function checkOidContent(content: Buffer, where: string): void {
  if (content.length === 0 || content.length > DER_LIMITS.maxOidBytes) {
    throw new Asn1StructureError(`OBJECT IDENTIFIER of ${content.length} bytes ${where}`);
  }
  if (content[content.length - 1] & 0x80) throw new Asn1StructureError(`OBJECT IDENTIFIER ${where} ends inside a subidentifier`);
  let subidentifierStart = true;
  for (const byte of content) {
    if (subidentifierStart && byte === 0x80) throw new Asn1StructureError(`OBJECT IDENTIFIER ${where} has a padded subidentifier`);
    subidentifierStart = (byte & 0x80) === 0;
  }
}

// Reads a whole buffer (trailing bytes are an error) into node-forge's ASN.1 shape, within
// DER_LIMITS. Every refusal is an Asn1StructureError; nothing else is thrown for any input.
export function parseAsn1(der: Buffer, options: ParseAsn1Options = {}): Asn1 {
  if (der.length < 2) throw new Asn1StructureError('empty or truncated DER');
  if (der.length > DER_LIMITS.maxBytes) throw new Asn1StructureError(`${der.length} bytes, more than ${DER_LIMITS.maxBytes}`);
  const { node, next } = new DerReader(der, options.ber === true).read(0, der.length, 0);
  if (next !== der.length) throw new Asn1StructureError(`${der.length - next} bytes after the end of the structure`);
  return node;
}

// The exact bytes a node was read from (signatures cover encodings as they are, not as re-encoded).
export function encodingOf(node: Asn1): Buffer {
  const source = (node as Partial<ReadNode>)[SOURCE];
  return source ? source.der.subarray(source.start, source.end) : asn1ToDer(node);
}

export function asn1ToDer(node: Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'latin1');
}

export function isUniversal(node: Asn1 | undefined, type: forge.asn1.Type): node is Asn1 {
  return node !== undefined && node.tagClass === Class.UNIVERSAL && node.type === type;
}

export function isContext(node: Asn1 | undefined, tagNumber: number): node is Asn1 {
  return node !== undefined && node.tagClass === Class.CONTEXT_SPECIFIC && node.type === tagNumber;
}

export function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (node === undefined || !Array.isArray(node.value)) throw new Asn1StructureError(`${what}: expected a constructed value`);
  return node.value;
}

export function expectSequence(node: Asn1 | undefined, what: string): Asn1[] {
  if (!isUniversal(node, Type.SEQUENCE)) throw new Asn1StructureError(`${what}: expected a SEQUENCE`);
  return children(node, what);
}

export function expectSet(node: Asn1 | undefined, what: string): Asn1[] {
  if (!isUniversal(node, Type.SET)) throw new Asn1StructureError(`${what}: expected a SET`);
  return children(node, what);
}

export function primitiveBytes(node: Asn1 | undefined, type: forge.asn1.Type, what: string): Buffer {
  if (!isUniversal(node, type) || typeof node.value !== 'string') {
    throw new Asn1StructureError(`${what}: expected ${TYPE_NAMES[type] ?? `universal type ${type}`}`);
  }
  return Buffer.from(node.value, 'latin1');
}

export function readOid(node: Asn1 | undefined, what: string): string {
  const bytes = primitiveBytes(node, Type.OID, what);
  checkOidContent(bytes, `in ${what}`);
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    // Arcs past 2^49 would lose precision as numbers; no registered OID comes near.
    if (value >= 2 ** 42) throw new Asn1StructureError(`${what}: OBJECT IDENTIFIER arc too large`);
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  // X.690 8.19.4: the first subidentifier packs the first two arcs.
  const first = arcs[0] < 80 ? Math.floor(arcs[0] / 40) : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}

export function readIntegerHex(node: Asn1 | undefined, what: string): string {
  const bytes = primitiveBytes(node, Type.INTEGER, what);
  if (bytes.length === 0) throw new Asn1StructureError(`${what}: empty INTEGER`);
  return normalizeSerialHex(bytes.toString('hex'));
}

export function readSmallInteger(node: Asn1 | undefined, what: string): number {
  const bytes = primitiveBytes(node, Type.INTEGER, what);
  if (bytes.length === 0 || bytes.length > 4) throw new Asn1StructureError(`${what}: INTEGER out of range`);
  return bytes.readIntBE(0, bytes.length);
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

// RFC 5280 4.1.2.5: times are Zulu with seconds; anything else is refused rather than guessed, and
// so is a field out of its range (month 13, 31 April, hour 24), which Date.UTC would roll over.
export function readTime(node: Asn1 | undefined, what: string): Date {
  const text = typeof node?.value === 'string' ? node.value : '';
  let match: RegExpExecArray | null = null;
  let year = 0;
  if (isUniversal(node, Type.UTCTIME) && (match = UTC_TIME.exec(text))) {
    // RFC 5280 4.1.2.5.1: YY of 50 or more is 19YY, else 20YY.
    year = Number(match[1]) + (Number(match[1]) >= 50 ? 1900 : 2000);
  } else if (isUniversal(node, Type.GENERALIZEDTIME) && (match = GENERALIZED_TIME.exec(text))) {
    year = Number(match[1]);
  }
  if (!match) throw new Asn1StructureError(`${what}: expected a UTCTime or GeneralizedTime in Zulu with seconds`);
  const [month, day, hour, minute, second] = match.slice(2).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  date.setUTCFullYear(year);
  const fits =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!fits) throw new Asn1StructureError(`${what}: ${text} is not a calendar date and time`);
  return date;
}

export interface TlvHeader {
  tag: number;
  headerLength: number;
  length: number;
}

// Reads one definite-length TLV header, to slice exact signed bytes (e.g. a CRL's TBSCertList).
export function readTlvHeader(der: Buffer, offset: number): TlvHeader {
  if (offset + 2 > der.length) throw new Asn1StructureError('truncated TLV header');
  const tag = der[offset];
  const first = der[offset + 1];
  if (first < 0x80) return checkTlv(der, offset, { tag, headerLength: 2, length: first });
  const count = first & 0x7f;
  if (count === 0 || count > 4 || offset + 2 + count > der.length) {
    throw new Asn1StructureError('unsupported or truncated TLV length');
  }
  const length = der.readUIntBE(offset + 2, count);
  return checkTlv(der, offset, { tag, headerLength: 2 + count, length });
}

function checkTlv(der: Buffer, offset: number, header: TlvHeader): TlvHeader {
  if (offset + header.headerLength + header.length > der.length) throw new Asn1StructureError('truncated TLV value');
  return header;
}
