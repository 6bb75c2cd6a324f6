import * as forge from 'node-forge';
import { Asn1StructureError, children, expectSequence, expectSet, isUniversal, primitiveBytes, readOid } from './der';

// The parts certificates, CRLs and CMS signer identifiers share (RFC 5280 4.1.2.4, 4.1.2.9): names and
// extensions, read from the bounded ASN.1 tree with every shape checked before it is used.

type Asn1 = forge.asn1.Asn1;
const { Type } = forge.asn1;

export interface NameAttribute {
  oid: string;
  shortName?: string;
  value: string;
}

export interface DistinguishedName {
  attributes: NameAttribute[];
  // Readable form in certificate order, e.g. "C=TH, O=Board of Trade, CN=CO Signer 1".
  text: string;
  // Comparison key: attribute types with case- and space-folded values (RFC 5280 7.1, simplified).
  matchKey: string;
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'E',
};

const ESCAPED = /[\\,+"<>;=]/g;

export function distinguishedName(attributes: { oid: string; value: string }[]): DistinguishedName {
  const parsed = attributes.map(({ oid, value }): NameAttribute => ({ oid, shortName: SHORT_NAMES[oid], value }));
  return {
    attributes: parsed,
    text: parsed.map((a) => `${a.shortName ?? a.oid}=${a.value.replace(ESCAPED, (c) => `\\${c}`)}`).join(', '),
    matchKey: parsed.map((a) => `${a.oid}=${a.value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()}`).join('/'),
  };
}

// Name ::= SEQUENCE OF RelativeDistinguishedName; RDN ::= SET SIZE (1..MAX) OF AttributeTypeAndValue.
// Values are kept as their octets read as latin1 (BMPString decoded), as node-forge kept them, so
// names compare the same as in the keys and CRLs the hub already holds.
export function readName(node: Asn1 | undefined, what: string): DistinguishedName {
  const attributes: { oid: string; value: string }[] = [];
  for (const rdn of expectSequence(node, what)) {
    const pairs = expectSet(rdn, `${what} RDN`);
    if (pairs.length === 0) throw new Asn1StructureError(`${what}: empty RelativeDistinguishedName`);
    for (const pair of pairs) {
      const [type, value, ...extra] = expectSequence(pair, `${what} attribute`);
      if (extra.length > 0 || value === undefined) throw new Asn1StructureError(`${what}: an attribute is a type and one value`);
      if (typeof value.value !== 'string') throw new Asn1StructureError(`${what}: attribute values must be strings`);
      attributes.push({ oid: readOid(type, `${what} attribute type`), value: value.value });
    }
  }
  return distinguishedName(attributes);
}

export interface Extension {
  oid: string;
  critical: boolean;
  // The extnValue's contents: the DER of the extension's own syntax.
  value: Buffer;
}

// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension; Extension ::= SEQUENCE { extnID, critical
// BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. RFC 5280 4.2 allows each extension once: a second
// copy could say something else than the first, so it is refused rather than one of them picked.
export function readExtensions(node: Asn1 | undefined, what: string): Extension[] {
  const extensions = expectSequence(node, what).map((item) => readExtension(item, what));
  const seen = new Set<string>();
  for (const { oid } of extensions) {
    if (seen.has(oid)) throw new Asn1StructureError(`${what}: extension ${oid} appears more than once`);
    seen.add(oid);
  }
  return extensions;
}

function readExtension(node: Asn1, what: string): Extension {
  const parts = expectSequence(node, `${what} Extension`);
  if (parts.length < 2 || parts.length > 3) throw new Asn1StructureError(`${what}: an Extension has 2 or 3 fields`);
  const oid = readOid(parts[0], 'extnID');
  let critical = false;
  if (parts.length === 3) {
    if (!isUniversal(parts[1], Type.BOOLEAN)) throw new Asn1StructureError(`${what}: critical must be a BOOLEAN`);
    critical = primitiveBytes(parts[1], Type.BOOLEAN, 'critical')[0] !== 0;
  }
  return { oid, critical, value: primitiveBytes(parts[parts.length - 1], Type.OCTETSTRING, 'extnValue') };
}

// The single element of an EXPLICIT context tag, such as [3] around a certificate's extensions.
export function explicitContent(node: Asn1 | undefined, what: string): Asn1 {
  const content = children(node, what);
  if (content.length !== 1) throw new Asn1StructureError(`${what}: expected one element inside the tag`);
  return content[0];
}
