import { createPublicKey, KeyObject, randomBytes, sign, verify } from 'node:crypto';
import * as forge from 'node-forge';
import { asn1ToDer } from './der';
import { generateRsaKeyPairSync, RsaKeyBits, subjectAttributes, toForgePublicKey } from './keys';
import { Oid, SIGNATURE_OID_TO_HASH } from './oids';
import { PkiCryptoError, PkiCryptoErrorCode } from './pki-crypto.error';
import { derToPem, KeyUsageFlags, ParsedCertificate, parseCertificate, SubjectInput } from './x509';

// Development PKI: CAs and signing certificates for local runs and tests. node-forge encodes the
// TBSCertificate, node:crypto signs it (no private key is ever converted to a forge key).

export interface DevCa {
  certDer: Buffer;
  certPem: string;
  certificate: ParsedCertificate;
  privateKey: KeyObject;
  // This CA and the CAs above it, without the self-signed root: what a CMS carries besides the signer.
  chainDer: Buffer[];
}

export interface IssuedCertificate {
  certDer: Buffer;
  certPem: string;
}

const DAY_MS = 86_400_000;

export interface CreateDevCaInput {
  commonName: string;
  organizationName?: string;
  countryName?: string;
  validDays: number;
  validFrom?: Date;
  // Set to make an intermediate CA under that CA; a self-signed root otherwise.
  issuer?: DevCa;
  pathLenConstraint?: number;
  keyBits?: RsaKeyBits;
  keyPair?: { privateKey: KeyObject; publicKey: KeyObject };
}

export function createDevCa(input: CreateDevCaInput): DevCa {
  const { privateKey, publicKey } = input.keyPair ?? generateRsaKeyPairSync(input.keyBits ?? 3072);
  const validFrom = input.validFrom ?? new Date();
  const subject = subjectAttributes({ CN: input.commonName, O: input.organizationName, C: input.countryName });
  const certDer = issue({
    issuer: input.issuer,
    issuerKey: input.issuer?.privateKey ?? privateKey,
    subject,
    publicKey,
    validFrom,
    validTo: new Date(validFrom.getTime() + input.validDays * DAY_MS),
    extensions: [
      // forge encodes pathLenConstraint whenever the key exists, even when undefined.
      input.pathLenConstraint === undefined
        ? { name: 'basicConstraints', critical: true, cA: true }
        : { name: 'basicConstraints', critical: true, cA: true, pathLenConstraint: input.pathLenConstraint },
      { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    ],
  });
  const chainDer = input.issuer ? [certDer, ...input.issuer.chainDer] : [];
  return { certDer, certPem: derToPem(certDer), certificate: parseCertificate(certDer), privateKey, chainDer };
}

export interface IssueDevSigningCertificateInput {
  ca: DevCa;
  subject: SubjectInput;
  publicKey: KeyObject;
  validFrom: Date;
  validTo: Date;
  serialNumberHex?: string;
  // Defaults to digitalSignature + nonRepudiation; null leaves the extension out (tests of KEY_USAGE).
  keyUsage?: Partial<KeyUsageFlags> | null;
}

// No extended key usage on purpose: `openssl cms -verify` then accepts it without `-purpose any`.
export function issueDevSigningCertificate(input: IssueDevSigningCertificateInput): IssuedCertificate {
  return issueSigningCertificate(input, subjectAttributes(input.subject));
}

export interface DevSigningKey extends IssuedCertificate {
  privateKey: KeyObject;
  publicKey: KeyObject;
  chainDer: Buffer[];
}

export interface CreateDevSigningKeyInput extends Omit<IssueDevSigningCertificateInput, 'publicKey'> {
  keyBits?: RsaKeyBits;
  keyPair?: { privateKey: KeyObject; publicKey: KeyObject };
}

// A key pair with its signing certificate and chain, ready for a CmsSigner.
export function createDevSigningKey(input: CreateDevSigningKeyInput): DevSigningKey {
  const { privateKey, publicKey } = input.keyPair ?? generateRsaKeyPairSync(input.keyBits ?? 3072);
  const issued = issueDevSigningCertificate({ ...input, publicKey });
  return { ...issued, privateKey, publicKey, chainDer: input.ca.chainDer };
}

export interface SignCsrOptions {
  validFrom: Date;
  validTo: Date;
  serialNumberHex?: string;
}

// Present in node-forge, missing from its typings.
const getTBSCertificate = (forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 })
  .getTBSCertificate;

// Issues a signing certificate for a PKCS#10 request after checking its proof of possession.
export function signCsr(ca: DevCa, csrPem: string, options: SignCsrOptions): IssuedCertificate {
  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromPem(csrPem);
  } catch (error) {
    throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_CSR, `cannot read CSR: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const hash = SIGNATURE_OID_TO_HASH[csr.signatureOid ?? ''];
  const publicKey = createPublicKey(forge.pki.publicKeyToPem(csr.publicKey as forge.pki.rsa.PublicKey));
  const info = csr.certificationRequestInfo;
  if (!hash || !info || !verify(hash, asn1ToDer(info), publicKey, Buffer.from(String(csr.signature), 'latin1'))) {
    throw new PkiCryptoError(PkiCryptoErrorCode.CSR_SIGNATURE_INVALID, 'the CSR signature does not verify');
  }
  return issueSigningCertificate({ ca, publicKey, ...options }, csr.subject.attributes);
}

function issueSigningCertificate(
  input: Omit<IssueDevSigningCertificateInput, 'subject'>,
  subject: forge.pki.CertificateField[],
): IssuedCertificate {
  const keyUsage =
    input.keyUsage === null
      ? []
      : [{ name: 'keyUsage', critical: true, ...(input.keyUsage ?? { digitalSignature: true, nonRepudiation: true }) }];
  const certDer = issue({
    issuer: input.ca,
    issuerKey: input.ca.privateKey,
    subject,
    publicKey: input.publicKey,
    validFrom: input.validFrom,
    validTo: input.validTo,
    serialNumberHex: input.serialNumberHex,
    extensions: [{ name: 'basicConstraints', critical: true, cA: false }, ...keyUsage],
  });
  return { certDer, certPem: derToPem(certDer) };
}

interface IssueInput {
  issuer?: DevCa;
  issuerKey: KeyObject;
  subject: forge.pki.CertificateField[];
  publicKey: KeyObject;
  validFrom: Date;
  validTo: Date;
  serialNumberHex?: string;
  extensions: Record<string, unknown>[];
}

function issue(input: IssueInput): Buffer {
  const cert = forge.pki.createCertificate();
  cert.publicKey = toForgePublicKey(input.publicKey);
  cert.serialNumber = input.serialNumberHex ?? randomSerialHex();
  cert.validity.notBefore = input.validFrom;
  cert.validity.notAfter = input.validTo;
  cert.setSubject(input.subject);
  // The development CA is the hub's own, so node-forge may read it to copy its subject as it is.
  const issuerCert = input.issuer && forge.pki.certificateFromPem(input.issuer.certPem);
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : input.subject);
  const issuerKeyId = input.issuer?.certificate.subjectKeyIdentifierHex;
  cert.setExtensions([
    ...input.extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuerKeyId ? forge.util.hexToBytes(issuerKeyId) : true },
  ]);
  cert.signatureOid = Oid.sha256WithRSAEncryption;
  cert.siginfo.algorithmOid = Oid.sha256WithRSAEncryption;
  const tbs = getTBSCertificate(cert);
  cert.tbsCertificate = tbs;
  cert.signature = sign('sha256', asn1ToDer(tbs), input.issuerKey).toString('latin1');
  return asn1ToDer(forge.pki.certificateToAsn1(cert));
}

// 16 random bytes, positive and without a leading zero byte (RFC 5280 4.1.2.2).
function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x3f) | 0x40;
  return bytes.toString('hex');
}
