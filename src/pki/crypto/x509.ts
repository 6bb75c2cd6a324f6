import { createHash, KeyObject, X509Certificate } from 'node:crypto';
import * as forge from 'node-forge';
import { asn1ToDer, Asn1StructureError, expectSequence, isContext, normalizeSerialHex, parseAsn1, readOid } from './der';
import { Oid } from './oids';
import { PkiCryptoError, PkiCryptoErrorCode } from './pki-crypto.error';

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

export interface PemBlock {
  label: string;
  der: Buffer;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const body = match[2].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length === 0) {
      throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_PEM, `PEM block "${match[1]}" is not valid base64`);
    }
    blocks.push({ label: match[1], der: Buffer.from(body, 'base64') });
  }
  return blocks;
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

const ESCAPED = /[\\,+"<>;=]/g;

export function distinguishedName(attributes: forge.pki.CertificateField[]): DistinguishedName {
  const parsed = attributes.map((attribute): NameAttribute => {
    const oid = String(attribute.type);
    return { oid, shortName: SHORT_NAMES[oid] ?? attribute.shortName, value: String(attribute.value ?? '') };
  });
  return {
    attributes: parsed,
    text: parsed.map((a) => `${a.shortName ?? a.oid}=${a.value.replace(ESCAPED, (c) => `\\${c}`)}`).join(', '),
    matchKey: parsed.map((a) => `${a.oid}=${a.value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()}`).join('/'),
  };
}

export function nameField(name: DistinguishedName, shortName: keyof SubjectInput): string | undefined {
  return name.attributes.find((attribute) => attribute.shortName === shortName)?.value;
}

interface ForgeExtension {
  id: string;
  name?: string;
  critical?: boolean;
  cA?: boolean;
  pathLenConstraint?: number;
  subjectKeyIdentifier?: string;
  [flag: string]: unknown;
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
const parsedCache = new Map<string, ParsedCertificate>();

// Trust anchors and the certificates carried in CMS repeat from one verification to the next, and a
// forge parse costs about a millisecond. The cache holds derived, immutable data only (keyed by the
// SHA-256 of the DER), so it is safe in every process; callers must not mutate what it returns.
export function parseCertificateCached(der: Buffer): ParsedCertificate {
  const key = fingerprintSha256(der);
  const hit = parsedCache.get(key);
  if (hit) {
    parsedCache.delete(key);
    parsedCache.set(key, hit);
    return hit;
  }
  const parsed = parseCertificate(Buffer.from(der));
  parsedCache.set(key, parsed);
  if (parsedCache.size > PARSED_CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value as string);
  return parsed;
}

function readCertificate(der: Buffer): ParsedCertificate {
  const cert = forge.pki.certificateFromAsn1(parseAsn1(der, true));
  const native = new X509Certificate(der);
  const tbs = cert.tbsCertificate.value as forge.asn1.Asn1[];
  const offset = isContext(tbs[0], 0) ? 1 : 0;
  const extensions = cert.extensions as ForgeExtension[];
  const find = (oid: string): ForgeExtension | undefined => extensions.find((extension) => extension.id === oid);
  const keyUsage = find(Oid.keyUsage);
  const basicConstraints = find(Oid.basicConstraints);
  const extKeyUsage = find(Oid.extKeyUsage);
  return {
    der,
    subject: distinguishedName(cert.subject.attributes),
    issuer: distinguishedName(cert.issuer.attributes),
    serialNumberHex: normalizeSerialHex(cert.serialNumber),
    serialNumberDer: asn1ToDer(tbs[offset]),
    issuerDer: asn1ToDer(tbs[offset + 2]),
    subjectDer: asn1ToDer(tbs[offset + 4]),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    fingerprintSha256: fingerprintSha256(der),
    keyUsage: keyUsage && readKeyUsage(keyUsage),
    basicConstraints: basicConstraints && {
      cA: basicConstraints.cA === true,
      pathLenConstraint: basicConstraints.pathLenConstraint,
    },
    extendedKeyUsageOids: extKeyUsage && readExtendedKeyUsage(extKeyUsage),
    subjectKeyIdentifierHex: find(Oid.subjectKeyIdentifier)?.subjectKeyIdentifier?.toLowerCase(),
    unsupportedCriticalExtensions: extensions
      .filter((extension) => extension.critical && !PROCESSED_EXTENSIONS.has(extension.id))
      .map((extension) => extension.id),
    publicKey: native.publicKey,
    native,
  };
}

function readExtendedKeyUsage(extension: ForgeExtension): string[] {
  const value = typeof extension.value === 'string' ? Buffer.from(extension.value, 'latin1') : Buffer.alloc(0);
  return expectSequence(parseAsn1(value), 'extKeyUsage').map((node) => readOid(node, 'extKeyUsage purpose'));
}

function readKeyUsage(extension: ForgeExtension): KeyUsageFlags {
  const flag = (name: keyof KeyUsageFlags): boolean => extension[name] === true;
  return {
    digitalSignature: flag('digitalSignature'),
    nonRepudiation: flag('nonRepudiation'),
    keyEncipherment: flag('keyEncipherment'),
    dataEncipherment: flag('dataEncipherment'),
    keyAgreement: flag('keyAgreement'),
    keyCertSign: flag('keyCertSign'),
    cRLSign: flag('cRLSign'),
    encipherOnly: flag('encipherOnly'),
    decipherOnly: flag('decipherOnly'),
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

// True when the signature on `child` verifies under the key of `issuer` (names are not compared).
export function isSignedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  try {
    return child.native.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
