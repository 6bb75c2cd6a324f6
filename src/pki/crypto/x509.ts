import { createHash, KeyObject, X509Certificate } from 'node:crypto';
import * as forge from 'node-forge';
import {
  Asn1StructureError,
  encodingOf,
  expectSequence,
  isContext,
  isUniversal,
  parseAsn1,
  primitiveBytes,
  readIntegerHex,
  readOid,
  readSmallInteger,
  readTime,
} from './der';
import { Oid } from './oids';
import { PkiCryptoError, PkiCryptoErrorCode } from './pki-crypto.error';
import { DistinguishedName, explicitContent, Extension, readExtensions, readName } from './x509-parts';
import { BoundedMap } from '../../core/memory/bounded';

export { distinguishedName } from './x509-parts';
export type { DistinguishedName, NameAttribute } from './x509-parts';

// Subject input for CSRs and development certificates.
export interface SubjectInput {
  CN: string;
  O?: string;
  OU?: string;
  C?: string;
  L?: string;
  ST?: string;
}

export interface KeyUsageFlags {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyEncipherment: boolean;
  dataEncipherment: boolean;
  keyAgreement: boolean;
  keyCertSign: boolean;
  cRLSign: boolean;
  encipherOnly: boolean;
  decipherOnly: boolean;
}

export interface ParsedCertificate {
  der: Buffer;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  subjectDer: Buffer;
  issuerDer: Buffer;
  serialNumberHex: string;
  // The complete INTEGER TLV as it appears in the certificate (reused in CMS IssuerAndSerialNumber).
  serialNumberDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string;
  keyUsage?: KeyUsageFlags;
  basicConstraints?: { cA: boolean; pathLenConstraint?: number };
  extendedKeyUsageOids?: string[];
  subjectKeyIdentifierHex?: string;
  // Critical extensions this code does not process: RFC 5280 6.1.3 says such a certificate is rejected.
  unsupportedCriticalExtensions: string[];
  publicKey: KeyObject;
  native: X509Certificate;
}

export enum ValidityStatus {
  VALID = 'VALID',
  NOT_YET_VALID = 'NOT_YET_VALID',
  EXPIRED = 'EXPIRED',
}

const PROCESSED_EXTENSIONS = new Set<string>([
  Oid.keyUsage,
  Oid.basicConstraints,
  Oid.extKeyUsage,
  Oid.subjectAltName,
  Oid.subjectKeyIdentifier,
  Oid.authorityKeyIdentifier,
  // Any policy is acceptable to the hub, which is what processing it without constraints amounts to.
  Oid.certificatePolicies,
]);

export interface PemBlock {
  label: string;
  der: Buffer;
}

// RFC 7468 encapsulation boundaries. Labels are bounded, so the scan is linear in the text: a pattern
// that searched for each BEGIN's END on its own took 16 s over 1 MiB of BEGIN lines.
const PEM_MARKER = /-----(BEGIN|END) ([A-Z0-9 ]{1,64})-----/g;

export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  let open: { label: string; bodyStart: number } | undefined;
  for (const marker of text.matchAll(PEM_MARKER)) {
    const [whole, kind, label] = marker;
    const at = marker.index as number;
    if (kind === 'BEGIN') {
      if (open) throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_PEM, `PEM block "${open.label}" has no END line`);
      open = { label, bodyStart: at + whole.length };
    } else if (open) {
      if (label !== open.label) throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_PEM, `PEM block "${open.label}" ends with "END ${label}"`);
      blocks.push({ label, der: pemBody(text.slice(open.bodyStart, at), label) });
      open = undefined;
    }
    // An END outside any block is text around the blocks, ignored like the rest of it.
  }
  if (open) throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_PEM, `PEM block "${open.label}" has no END line`);
  return blocks;
}

function pemBody(text: string, label: string): Buffer {
  const body = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length === 0) {
    throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_PEM, `PEM block "${label}" is not valid base64`);
  }
  return Buffer.from(body, 'base64');
}

export function pemToDer(pem: string, label = 'CERTIFICATE'): Buffer {
  const block = pemBlocks(pem).find((candidate) => candidate.label === label);
  if (!block) throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_PEM, `no "${label}" PEM block found`);
  return block.der;
}

export function derToPem(der: Buffer, label = 'CERTIFICATE'): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// Accepts DER, PEM text, or a Buffer holding PEM text.
export function derFromPemOrDer(input: Buffer | string, label: string): Buffer {
  if (typeof input === 'string') return pemToDer(input, label);
  if (input.subarray(0, 11).toString('latin1') === '-----BEGIN ') return pemToDer(input.toString('latin1'), label);
  return input;
}

export function fingerprintSha256(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

export function nameField(name: DistinguishedName, shortName: keyof SubjectInput): string | undefined {
  return name.attributes.find((attribute) => attribute.shortName === shortName)?.value;
}

export function parseCertificate(input: Buffer | string): ParsedCertificate {
  const der = derFromPemOrDer(input, 'CERTIFICATE');
  try {
    return readCertificate(der);
  } catch (error) {
    const reason = error instanceof Asn1StructureError ? error.message : (error as Error).message;
    throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_CERTIFICATE, `cannot read certificate: ${reason}`, {
      cause: error,
    });
  }
}

const PARSED_CACHE_LIMIT = 512;
const parsedCache = new BoundedMap<string, ParsedCertificate>(PARSED_CACHE_LIMIT, 'lru');

// A parsed certificate's own DER (ParsedCertificate.der, never to be mutated) names it without a
// digest: a verification hands the anchors it was given back by their `der` (issue 14).
const parsedByOwnDer = new WeakMap<Buffer, ParsedCertificate>();

// Trust anchors and the certificates carried in CMS repeat from one verification to the next, and a
// forge parse costs about a millisecond. The cache holds derived, immutable data only (keyed by the
// SHA-256 of the DER), so it is safe in every process; callers must not mutate what it returns.
export function parseCertificateCached(der: Buffer): ParsedCertificate {
  const own = parsedByOwnDer.get(der);
  if (own) return own;
  const key = fingerprintSha256(der);
  const hit = parsedCache.get(key);
  if (hit) return hit;
  const parsed = parseCertificate(Buffer.from(der));
  parsedCache.set(key, parsed);
  parsedByOwnDer.set(parsed.der, parsed);
  return parsed;
}

/**
 * A certificate this process has parsed with parseCertificateCached, by its SHA-256 fingerprint (hex,
 * lower case); undefined when it has not, or no longer holds it.
 */
export function cachedCertificate(fingerprint: string): ParsedCertificate | undefined {
  return parsedCache.get(fingerprint);
}

// Certificates carried in a CMS or pasted by an operator are a few kilobytes; a chain of names and
// extensions this long is no certificate the hub would trust.
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
// OpenSSL's own ceiling for RSA moduli, and for public exponents above 3072-bit moduli: larger ones
// only make each signature check slower.
const MAX_RSA_MODULUS_BITS = 16384;
const MAX_RSA_EXPONENT_BITS = 64;

// RFC 5280 4.1, read from the bounded tree; OpenSSL then reads the same bytes for the key and the
// signature checks, so both readers must accept a certificate.
function readCertificate(der: Buffer): ParsedCertificate {
  if (der.length > MAX_CERTIFICATE_BYTES) throw new Asn1StructureError(`${der.length} bytes, more than ${MAX_CERTIFICATE_BYTES}`);
  const [tbsNode, algorithm, signature, ...extra] = expectSequence(parseAsn1(der), 'Certificate');
  if (extra.length > 0) throw new Asn1StructureError('Certificate: unexpected trailing elements');
  readOid(expectSequence(algorithm, 'signatureAlgorithm')[0], 'signatureAlgorithm');
  primitiveBytes(signature, forge.asn1.Type.BITSTRING, 'signatureValue');
  const tbs = expectSequence(tbsNode, 'TBSCertificate');
  let index = 0;
  if (isContext(tbs[0], 0)) {
    const version = readSmallInteger(explicitContent(tbs[index++], 'version'), 'version');
    if (version < 0 || version > 2) throw new Asn1StructureError(`TBSCertificate: unknown version ${version}`);
  }
  const serialNode = tbs[index++];
  const serialNumberHex = readIntegerHex(serialNode, 'serialNumber');
  readOid(expectSequence(tbs[index++], 'signature')[0], 'signature algorithm');
  const issuerNode = tbs[index++];
  const issuer = readName(issuerNode, 'issuer');
  const [notBeforeNode, notAfterNode, ...rest] = expectSequence(tbs[index++], 'validity');
  if (rest.length > 0) throw new Asn1StructureError('validity: more than two times');
  const notBefore = readTime(notBeforeNode, 'notBefore');
  const notAfter = readTime(notAfterNode, 'notAfter');
  const subjectNode = tbs[index++];
  const subject = readName(subjectNode, 'subject');
  readRsaPublicKey(tbs[index++]);
  if (isContext(tbs[index], 1)) index++; // issuerUniqueID
  if (isContext(tbs[index], 2)) index++; // subjectUniqueID
  const extensions = isContext(tbs[index], 3) ? readExtensions(explicitContent(tbs[index++], 'extensions'), 'extensions') : [];
  if (index !== tbs.length) throw new Asn1StructureError('TBSCertificate: unexpected elements');

  const native = new X509Certificate(der);
  const find = (oid: string): Extension | undefined => extensions.find((extension) => extension.oid === oid);
  const keyUsage = find(Oid.keyUsage);
  const basicConstraints = find(Oid.basicConstraints);
  const extKeyUsage = find(Oid.extKeyUsage);
  const subjectKeyId = find(Oid.subjectKeyIdentifier);
  return {
    der,
    subject,
    issuer,
    serialNumberHex,
    serialNumberDer: encodingOf(serialNode),
    issuerDer: encodingOf(issuerNode),
    subjectDer: encodingOf(subjectNode),
    notBefore,
    notAfter,
    fingerprintSha256: fingerprintSha256(der),
    keyUsage: keyUsage && readKeyUsage(keyUsage.value),
    basicConstraints: basicConstraints && readBasicConstraints(basicConstraints.value),
    extendedKeyUsageOids: extKeyUsage && readExtendedKeyUsage(extKeyUsage.value),
    subjectKeyIdentifierHex: subjectKeyId && primitiveBytes(parseAsn1(subjectKeyId.value), forge.asn1.Type.OCTETSTRING, 'subjectKeyIdentifier').toString('hex'),
    unsupportedCriticalExtensions: extensions
      .filter((extension) => extension.critical && !PROCESSED_EXTENSIONS.has(extension.oid))
      .map((extension) => extension.oid),
    publicKey: native.publicKey,
    native,
  };
}

// SubjectPublicKeyInfo with an RSAPublicKey (RFC 8017 A.1.1): the hub verifies RSA signatures only.
function readRsaPublicKey(node: forge.asn1.Asn1 | undefined): void {
  const [algorithm, key, ...extra] = expectSequence(node, 'subjectPublicKeyInfo');
  if (extra.length > 0) throw new Asn1StructureError('subjectPublicKeyInfo: unexpected elements');
  if (readOid(expectSequence(algorithm, 'subjectPublicKey algorithm')[0], 'subjectPublicKey algorithm') !== Oid.rsaEncryption) {
    throw new Asn1StructureError('subjectPublicKeyInfo: only RSA public keys are supported');
  }
  const bits = primitiveBytes(key, forge.asn1.Type.BITSTRING, 'subjectPublicKey');
  if (bits[0] !== 0) throw new Asn1StructureError('subjectPublicKey: unused bits in a DER key');
  const [modulus, exponent, ...more] = expectSequence(parseAsn1(bits.subarray(1)), 'RSAPublicKey');
  if (more.length > 0) throw new Asn1StructureError('RSAPublicKey: unexpected elements');
  if (integerBits(modulus, 'modulus') > MAX_RSA_MODULUS_BITS) throw new Asn1StructureError(`RSAPublicKey: modulus over ${MAX_RSA_MODULUS_BITS} bits`);
  if (integerBits(exponent, 'publicExponent') > MAX_RSA_EXPONENT_BITS) {
    throw new Asn1StructureError(`RSAPublicKey: public exponent over ${MAX_RSA_EXPONENT_BITS} bits`);
  }
}

function integerBits(node: forge.asn1.Asn1 | undefined, what: string): number {
  const hex = readIntegerHex(node, what);
  return hex === '0' ? 0 : (hex.length - 1) * 4 + parseInt(hex[0], 16).toString(2).length;
}

function readExtendedKeyUsage(value: Buffer): string[] {
  return expectSequence(parseAsn1(value), 'extKeyUsage').map((node) => readOid(node, 'extKeyUsage purpose'));
}

// BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }
function readBasicConstraints(value: Buffer): { cA: boolean; pathLenConstraint?: number } {
  const fields = expectSequence(parseAsn1(value), 'basicConstraints');
  let index = 0;
  const cA = isUniversal(fields[0], forge.asn1.Type.BOOLEAN) && primitiveBytes(fields[index++], forge.asn1.Type.BOOLEAN, 'cA')[0] !== 0;
  let pathLenConstraint: number | undefined;
  if (fields[index] !== undefined) {
    pathLenConstraint = readSmallInteger(fields[index++], 'pathLenConstraint');
    if (pathLenConstraint < 0) throw new Asn1StructureError('basicConstraints: negative pathLenConstraint');
  }
  if (index !== fields.length) throw new Asn1StructureError('basicConstraints: unexpected elements');
  return { cA, pathLenConstraint };
}

// KeyUsage ::= BIT STRING, bit 0 (digitalSignature) first, in the octets after the unused-bits count.
function readKeyUsage(value: Buffer): KeyUsageFlags {
  const bits = primitiveBytes(parseAsn1(value), forge.asn1.Type.BITSTRING, 'keyUsage');
  const flag = (bit: number): boolean => ((bits[1 + (bit >> 3)] ?? 0) & (0x80 >> (bit & 7))) !== 0;
  return {
    digitalSignature: flag(0),
    nonRepudiation: flag(1),
    keyEncipherment: flag(2),
    dataEncipherment: flag(3),
    keyAgreement: flag(4),
    keyCertSign: flag(5),
    cRLSign: flag(6),
    encipherOnly: flag(7),
    decipherOnly: flag(8),
  };
}

export function publicKeyMatches(certDer: Buffer, privateKey: KeyObject): boolean {
  try {
    return new X509Certificate(certDer).checkPrivateKey(privateKey);
  } catch {
    return false;
  }
}

// The hub's signing profile: a keyUsage extension that allows digitalSignature or nonRepudiation.
// A certificate without keyUsage is refused on purpose, although RFC 5280 would leave it unrestricted.
export function hasSigningKeyUsage(cert: ParsedCertificate): boolean {
  return cert.keyUsage !== undefined && (cert.keyUsage.digitalSignature || cert.keyUsage.nonRepudiation);
}

export function validityAt(cert: Pick<ParsedCertificate, 'notBefore' | 'notAfter'>, at: Date): ValidityStatus {
  if (at.getTime() < cert.notBefore.getTime()) return ValidityStatus.NOT_YET_VALID;
  if (at.getTime() > cert.notAfter.getTime()) return ValidityStatus.EXPIRED;
  return ValidityStatus.VALID;
}

// Whether one certificate's signature verifies under another's key is a fact of their two DER
// encodings (named here by their SHA-256 fingerprints), true or false for ever: a path built again on
// every verification (issue 14: the chain is judged afresh each time, against the anchors, CRLs and
// dates of now) does its RSA mathematics once per pair.
const SIGNED_BY_LIMIT = 10_000;
const signedBy = new BoundedMap<string, boolean>(SIGNED_BY_LIMIT);

// True when the signature on `child` verifies under the key of `issuer` (names are not compared).
export function isSignedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  const pair = `${child.fingerprintSha256}>${issuer.fingerprintSha256}`;
  const known = signedBy.get(pair);
  if (known !== undefined) return known;
  let verified: boolean;
  try {
    verified = child.native.verify(issuer.publicKey);
  } catch {
    verified = false;
  }
  signedBy.set(pair, verified);
  return verified;
}
