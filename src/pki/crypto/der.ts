import * as forge from 'node-forge';

// DER helpers. Encoding is done by hand on Buffers (the CMS signer builds a SignedData per signature and
// must stay close to the raw RSA rate); parsing goes through node-forge's ASN.1 reader.

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

interface FromDerOptions {
  strict: boolean;
  parseAllBytes: boolean;
  decodeBitStrings: boolean;
}
type FromDer = (bytes: forge.util.ByteBuffer, options: FromDerOptions) => Asn1;

// Parses a whole buffer (trailing bytes are an error). Certificates need decodeBitStrings for forge's
// RSA key reader; CMS and CRL structures are read with it off so BIT STRINGs stay opaque.
export function parseAsn1(der: Buffer, decodeBitStrings = false): Asn1 {
  if (der.length < 2) throw new Asn1StructureError('empty or truncated DER');
  try {
    const fromDer = forge.asn1.fromDer as unknown as FromDer;
    return fromDer(forge.util.createBuffer(der.toString('latin1')), {
      strict: true,
      parseAllBytes: true,
      decodeBitStrings,
    });
  } catch (error) {
    throw new Asn1StructureError(`not valid DER: ${(error as Error).message}`);
  }
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

const TYPE_NAMES: Partial<Record<forge.asn1.Type, string>> = {
  [Type.BOOLEAN]: 'BOOLEAN',
  [Type.INTEGER]: 'INTEGER',
  [Type.BITSTRING]: 'BIT STRING',
  [Type.OCTETSTRING]: 'OCTET STRING',
  [Type.OID]: 'OBJECT IDENTIFIER',
  [Type.ENUMERATED]: 'ENUMERATED',
};

export function primitiveBytes(node: Asn1 | undefined, type: forge.asn1.Type, what: string): Buffer {
  if (!isUniversal(node, type) || typeof node.value !== 'string') {
    throw new Asn1StructureError(`${what}: expected ${TYPE_NAMES[type] ?? `universal type ${type}`}`);
  }
  return Buffer.from(node.value, 'latin1');
}

export function readOid(node: Asn1 | undefined, what: string): string {
  const bytes = primitiveBytes(node, Type.OID, what);
  if (bytes.length === 0) throw new Asn1StructureError(`${what}: empty OBJECT IDENTIFIER`);
  return forge.asn1.derToOid(bytes.toString('latin1'));
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

const UTC_TIME = /^\d{12}Z$/;
const GENERALIZED_TIME = /^\d{14}Z$/;

// RFC 5280 4.1.2.5: times are Zulu with seconds; anything else is refused rather than guessed.
export function readTime(node: Asn1 | undefined, what: string): Date {
  if (isUniversal(node, Type.UTCTIME) && typeof node.value === 'string' && UTC_TIME.test(node.value)) {
    return forge.asn1.utcTimeToDate(node.value);
  }
  if (
    isUniversal(node, Type.GENERALIZEDTIME) &&
    typeof node.value === 'string' &&
    GENERALIZED_TIME.test(node.value)
  ) {
    return forge.asn1.generalizedTimeToDate(node.value);
  }
  throw new Asn1StructureError(`${what}: expected a UTCTime or GeneralizedTime in Zulu with seconds`);
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
