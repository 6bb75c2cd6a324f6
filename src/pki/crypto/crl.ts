import { KeyObject, sign, verify } from 'node:crypto';
import * as forge from 'node-forge';
import {
  Asn1StructureError,
  DER_NULL,
  encodingOf,
  derBitString,
  derOctetString,
  derOid,
  derPositiveIntegerFromHex,
  derSequence,
  derSmallInteger,
  derTime,
  derTlv,
  expectSequence,
  isContext,
  isUniversal,
  normalizeSerialHex,
  parseAsn1,
  primitiveBytes,
  readIntegerHex,
  readOid,
  readSmallInteger,
  readTime,
} from './der';
import { Oid, SIGNATURE_OID_TO_HASH } from './oids';
import { PkiCryptoError, PkiCryptoErrorCode } from './pki-crypto.error';
import { derFromPemOrDer, ParsedCertificate, parseCertificate } from './x509';
import { DistinguishedName, explicitContent, readExtensions, readName } from './x509-parts';

// X.509 v2 CRLs (RFC 5280 5): node-forge has no CRL support, so the structure is read with the bounded
// DER reader (der.ts) and the signed TBSCertList bytes are taken from the input as they are.

export enum CrlReason {
  UNSPECIFIED = 0,
  KEY_COMPROMISE = 1,
  CA_COMPROMISE = 2,
  AFFILIATION_CHANGED = 3,
  SUPERSEDED = 4,
  CESSATION_OF_OPERATION = 5,
  CERTIFICATE_HOLD = 6,
  REMOVE_FROM_CRL = 8,
  PRIVILEGE_WITHDRAWN = 9,
  AA_COMPROMISE = 10,
}

export interface CrlEntry {
  serialNumberHex: string;
  revocationDate: Date;
  reason?: CrlReason;
}

export interface ParsedCrl {
  der: Buffer;
  tbsDer: Buffer;
  issuer: DistinguishedName;
  thisUpdate: Date;
  nextUpdate?: Date;
  crlNumberHex?: string;
  revoked: CrlEntry[];
  signatureAlgorithmOid: string;
  // The algorithm named inside TBSCertList; RFC 5280 5.1.1.2 requires it to equal the outer one.
  tbsSignatureAlgorithmOid: string;
  signature: Buffer;
  unsupportedCriticalExtensions: string[];
}

const PROCESSED_CRL_EXTENSIONS = new Set<string>([Oid.crlNumber, Oid.authorityKeyIdentifier]);

type Asn1 = forge.asn1.Asn1;

// A CRL is read whole into memory and kept per issuer; national CAs publish a few megabytes at most.
export const MAX_CRL_BYTES = 8 * 1024 * 1024;

export function parseCrl(input: Buffer | string): ParsedCrl {
  const der = derFromPemOrDer(input, 'X509 CRL');
  try {
    return readCrl(der);
  } catch (error) {
    if (error instanceof PkiCryptoError) throw error;
    throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_CRL, `cannot read CRL: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function readCrl(der: Buffer): ParsedCrl {
  if (der.length > MAX_CRL_BYTES) throw new Asn1StructureError(`${der.length} bytes, more than ${MAX_CRL_BYTES}`);
  const [tbsNode, algorithmNode, signatureNode, ...extra] = expectSequence(parseAsn1(der), 'CertificateList');
  if (extra.length > 0) throw new Asn1StructureError('CertificateList: unexpected trailing elements');

  const tbs = expectSequence(tbsNode, 'TBSCertList');
  let index = 0;
  if (isUniversal(tbs[0], forge.asn1.Type.INTEGER)) {
    if (readSmallInteger(tbs[0], 'version') !== 1) throw new Asn1StructureError('TBSCertList: version must be v2');
    index = 1;
  }
  const tbsSignatureAlgorithmOid = readOid(expectSequence(tbs[index++], 'signature')[0], 'signature algorithm');
  const issuer = readName(tbs[index++], 'issuer');
  const thisUpdate = readTime(tbs[index++], 'thisUpdate');
  let nextUpdate: Date | undefined;
  const isTime = (node: Asn1 | undefined): boolean =>
    isUniversal(node, forge.asn1.Type.UTCTIME) || isUniversal(node, forge.asn1.Type.GENERALIZEDTIME);
  if (isTime(tbs[index])) {
    nextUpdate = readTime(tbs[index++], 'nextUpdate');
  }
  let revoked: CrlEntry[] = [];
  if (isUniversal(tbs[index], forge.asn1.Type.SEQUENCE)) {
    revoked = expectSequence(tbs[index++], 'revokedCertificates').map(readEntry);
  }
  let crlNumberHex: string | undefined;
  const unsupportedCriticalExtensions: string[] = [];
  if (isContext(tbs[index], 0)) {
    for (const extension of readExtensions(explicitContent(tbs[index++], 'crlExtensions'), 'crlExtensions')) {
      if (extension.oid === Oid.crlNumber) {
        crlNumberHex = readIntegerHex(parseAsn1(extension.value), 'cRLNumber');
      } else if (extension.critical && !PROCESSED_CRL_EXTENSIONS.has(extension.oid)) {
        unsupportedCriticalExtensions.push(extension.oid);
      }
    }
  }
  if (index !== tbs.length) throw new Asn1StructureError('TBSCertList: unexpected elements');

  const bitString = primitiveBytes(signatureNode, forge.asn1.Type.BITSTRING, 'signatureValue');
  if (bitString.length < 2 || bitString[0] !== 0) throw new Asn1StructureError('signatureValue: bad BIT STRING');
  return {
    der,
    // The signed bytes exactly as they came, not as re-encoded.
    tbsDer: encodingOf(tbsNode),
    issuer,
    thisUpdate,
    nextUpdate,
    crlNumberHex,
    revoked,
    signatureAlgorithmOid: readOid(expectSequence(algorithmNode, 'signatureAlgorithm')[0], 'signature algorithm'),
    tbsSignatureAlgorithmOid,
    signature: bitString.subarray(1),
    unsupportedCriticalExtensions,
  };
}

function readEntry(node: Asn1): CrlEntry {
  const [serial, date, extensionsNode, ...extra] = expectSequence(node, 'revokedCertificate');
  if (extra.length > 0) throw new Asn1StructureError('revokedCertificate: unexpected elements');
  const entry: CrlEntry = {
    serialNumberHex: readIntegerHex(serial, 'userCertificate'),
    revocationDate: readTime(date, 'revocationDate'),
  };
  if (extensionsNode) {
    for (const extension of readExtensions(extensionsNode, 'crlEntryExtensions')) {
      if (extension.oid === Oid.crlReason) {
        // CRLReason ::= ENUMERATED, 0 to 10 (RFC 5280 5.3.1).
        const reason = primitiveBytes(parseAsn1(extension.value), forge.asn1.Type.ENUMERATED, 'reasonCode');
        if (reason.length !== 1 || reason[0] > CrlReason.AA_COMPROMISE) throw new Asn1StructureError('reasonCode: out of range');
        entry.reason = reason[0] as CrlReason;
      }
    }
  }
  return entry;
}

function asCertificate(issuerCert: Buffer | string | ParsedCertificate): ParsedCertificate {
  return typeof issuerCert === 'string' || Buffer.isBuffer(issuerCert) ? parseCertificate(issuerCert) : issuerCert;
}

// True when the CRL names `issuerCert` as its issuer and its signature verifies under that key.
export function verifyCrlSignature(crl: ParsedCrl, issuerCert: Buffer | string | ParsedCertificate): boolean {
  const issuer = asCertificate(issuerCert);
  const hash = SIGNATURE_OID_TO_HASH[crl.signatureAlgorithmOid];
  if (!hash || crl.tbsSignatureAlgorithmOid !== crl.signatureAlgorithmOid) return false;
  if (crl.issuer.matchKey !== issuer.subject.matchKey) return false;
  try {
    return verify(hash, crl.tbsDer, issuer.publicKey, crl.signature);
  } catch {
    return false;
  }
}

// Why this CRL cannot be relied on at `now`, or undefined when it can (RFC 5280 6.3.3).
export function crlProblem(crl: ParsedCrl, issuerCert: ParsedCertificate, now: Date): string | undefined {
  const name = issuerCert.subject.text;
  if (!verifyCrlSignature(crl, issuerCert)) return `the CRL of "${name}" has an invalid signature`;
  if (issuerCert.keyUsage && !issuerCert.keyUsage.cRLSign) return `"${name}" is not allowed to sign CRLs (no cRLSign)`;
  const of = `the CRL of "${name}"`;
  if (crl.unsupportedCriticalExtensions.length > 0) {
    return `${of} has unsupported critical extensions ${crl.unsupportedCriticalExtensions.join(', ')}`;
  }
  if (crl.thisUpdate.getTime() > now.getTime()) return `${of} is not yet valid (thisUpdate ${crl.thisUpdate.toISOString()})`;
  if (!crl.nextUpdate) return `${of} has no nextUpdate`;
  if (crl.nextUpdate.getTime() < now.getTime()) return `${of} is out of date (nextUpdate ${crl.nextUpdate.toISOString()})`;
  return undefined;
}

export function findRevocation(crl: ParsedCrl, serialNumberHex: string): CrlEntry | undefined {
  const serial = normalizeSerialHex(serialNumberHex);
  return crl.revoked.find((entry) => entry.serialNumberHex === serial && entry.reason !== CrlReason.REMOVE_FROM_CRL);
}

export interface CreateCrlInput {
  issuerCert: Buffer | string;
  issuerKey: KeyObject;
  revoked: { serialHex: string; date: Date; reason?: CrlReason }[];
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber?: number;
}

const extension = (oid: string, value: Buffer): Buffer => derSequence(derOid(oid), derOctetString(value));

// A v2 CRL signed with SHA-256/RSA, with the cRLNumber and authorityKeyIdentifier RFC 5280 5.2 asks for.
export function createCrl(input: CreateCrlInput): Buffer {
  if (input.issuerKey.asymmetricKeyType !== 'rsa') {
    throw new PkiCryptoError(PkiCryptoErrorCode.UNSUPPORTED_KEY, 'CRLs are signed with RSA keys only');
  }
  const issuer = parseCertificate(input.issuerCert);
  const algorithm = derSequence(derOid(Oid.sha256WithRSAEncryption), DER_NULL);
  const entries = input.revoked.map((entry) => {
    // reasonCode ::= ENUMERATED, as an entry extension.
    const reason = entry.reason === undefined ? [] : [extension(Oid.crlReason, Buffer.from([0x0a, 0x01, entry.reason]))];
    const entryExtensions = reason.length > 0 ? [derSequence(...reason)] : [];
    return derSequence(derPositiveIntegerFromHex(entry.serialHex), derTime(entry.date), ...entryExtensions);
  });
  // authorityKeyIdentifier: SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }
  const keyId = issuer.subjectKeyIdentifierHex;
  const authorityKeyId = keyId ? [extension(Oid.authorityKeyIdentifier, derSequence(derTlv(0x80, Buffer.from(keyId, 'hex'))))] : [];
  const extensions = [...authorityKeyId, extension(Oid.crlNumber, derPositiveIntegerFromHex((input.crlNumber ?? 1).toString(16)))];
  const tbs = derSequence(
    derSmallInteger(1),
    algorithm,
    issuer.subjectDer,
    derTime(input.thisUpdate),
    derTime(input.nextUpdate),
    ...(entries.length > 0 ? [derSequence(...entries)] : []),
    derTlv(0xa0, derSequence(...extensions)),
  );
  return derSequence(tbs, algorithm, derBitString(sign('sha256', tbs, input.issuerKey)));
}
