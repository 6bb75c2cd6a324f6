import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { promisify } from 'node:util';
import * as forge from 'node-forge';
import { asn1ToDer } from './der';
import { Oid } from './oids';
import { PkiCryptoError, PkiCryptoErrorCode } from './pki-crypto.error';
import { checkEncryptedKeyCost } from './key-derivation-limits';
import { readPkcs12 } from './pkcs12-reader';
import { derToPem, ParsedCertificate, parseCertificate, pemBlocks, publicKeyMatches, SubjectInput } from './x509';

export type RsaKeyBits = 2048 | 3072 | 4096;

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

// A signing key with its certificate, as imported from a PKCS#12 file or a PEM bundle.
export interface ImportedSigningKey {
  privateKey: KeyObject;
  certDer: Buffer;
  // The other certificates, ordered from the signer's issuer upwards where the names allow.
  chainDer: Buffer[];
}

const generateKeyPairAsync = promisify(generateKeyPair);

// Runs on libuv's thread pool: a 3072-bit key takes long enough to stall an event loop.
export async function generateRsaKeyPair(bits: RsaKeyBits = 3072): Promise<RsaKeyPair> {
  return generateKeyPairAsync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
}

export function generateRsaKeyPairSync(bits: RsaKeyBits = 3072): RsaKeyPair {
  return generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
}

export function exportPrivateKeyPkcs8(privateKey: KeyObject): Buffer {
  return privateKey.export({ type: 'pkcs8', format: 'der' });
}

export function importPrivateKeyPkcs8(pkcs8Der: Buffer): KeyObject {
  try {
    return createPrivateKey({ key: pkcs8Der, format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new PkiCryptoError(PkiCryptoErrorCode.NO_PRIVATE_KEY, 'not a PKCS#8 private key', { cause: error });
  }
}

// node-forge needs its own key object to encode SubjectPublicKeyInfo; only public keys are converted.
export function toForgePublicKey(publicKey: KeyObject): forge.pki.rsa.PublicKey {
  if (publicKey.asymmetricKeyType !== 'rsa') {
    const message = `only RSA keys are supported, got ${publicKey.asymmetricKeyType}`;
    throw new PkiCryptoError(PkiCryptoErrorCode.UNSUPPORTED_KEY, message);
  }
  return forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string) as forge.pki.rsa.PublicKey;
}

const SUBJECT_ORDER: (keyof SubjectInput)[] = ['C', 'ST', 'L', 'O', 'OU', 'CN'];

export function subjectAttributes(subject: SubjectInput): forge.pki.CertificateField[] {
  if (!subject.CN?.trim()) throw new PkiCryptoError(PkiCryptoErrorCode.INVALID_ARGUMENT, 'subject CN is required');
  if (subject.C !== undefined && !/^[A-Z]{2}$/.test(subject.C)) {
    throw new PkiCryptoError(PkiCryptoErrorCode.INVALID_ARGUMENT, 'subject C must be an ISO 3166-1 alpha-2 code');
  }
  return SUBJECT_ORDER.filter((key) => subject[key] !== undefined).map((key) => ({
    shortName: key,
    value: subject[key],
  }));
}

// Present in node-forge, missing from its typings.
const getCertificationRequestInfo = (
  forge.pki as unknown as { getCertificationRequestInfo(csr: forge.pki.CertificateSigningRequest): forge.asn1.Asn1 }
).getCertificationRequestInfo;

/** Whoever holds the private key: its public half, and a SHA-256 RSA signature of given bytes. */
export interface CsrSigner {
  publicKey: KeyObject;
  sign(bytes: Buffer, algorithm: 'RSA-SHA256'): Promise<Buffer>;
}

function unsignedCsr(subject: SubjectInput, publicKey: KeyObject): { csr: forge.pki.CertificateSigningRequest; info: Buffer } {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = toForgePublicKey(publicKey);
  csr.setSubject(subjectAttributes(subject));
  csr.signatureOid = Oid.sha256WithRSAEncryption;
  const info = getCertificationRequestInfo(csr);
  csr.certificationRequestInfo = info;
  return { csr, info: asn1ToDer(info) };
}

// PKCS#10 request: node-forge encodes the CertificationRequestInfo, the key's holder signs it (in this
// process, or in a hardware token that never lets the key out).
export async function createCsrSignedBy(input: { subject: SubjectInput; signer: CsrSigner }): Promise<string> {
  const { csr, info } = unsignedCsr(input.subject, input.signer.publicKey);
  csr.signature = (await input.signer.sign(info, 'RSA-SHA256')).toString('latin1');
  return forge.pki.certificationRequestToPem(csr);
}

// The same with a key held in this process, signed by node:crypto.
export function createCsr(input: { subject: SubjectInput; privateKey: KeyObject }): string {
  const { csr, info } = unsignedCsr(input.subject, createPublicKey(input.privateKey));
  csr.signature = sign('sha256', info, input.privateKey).toString('latin1');
  return forge.pki.certificationRequestToPem(csr);
}

// Keys and certificates from a PKCS#12 file (pkcs12-reader.ts), the signing key paired with its certificate.
export function parsePkcs12(p12Der: Buffer, password: string): ImportedSigningKey {
  const { keys, certificates } = readPkcs12(p12Der, password);
  if (keys.length === 0) {
    throw new PkiCryptoError(PkiCryptoErrorCode.NO_PRIVATE_KEY, 'the PKCS#12 file holds no private key');
  }
  return pairKeyWithCertificate(keys, certificates);
}

// Key and certificates from PEM text; the key may be PKCS#8, PKCS#1 or encrypted PKCS#8 (passphrase).
export function parsePemBundle(keyPem: string, certsPem: string, passphrase?: string): ImportedSigningKey {
  const keyBlocks = pemBlocks(keyPem).filter((block) => block.label.endsWith('PRIVATE KEY'));
  if (keyBlocks.length === 0) throw new PkiCryptoError(PkiCryptoErrorCode.NO_PRIVATE_KEY, 'no PRIVATE KEY PEM block found');
  const [keyBlock] = keyBlocks;
  // OpenSSL's errors for a wrong or missing passphrase vary by version; whether the PEM is encrypted does not.
  const encrypted = keyBlock.label === 'ENCRYPTED PRIVATE KEY';
  if (encrypted) checkEncryptedKeyCost(keyBlock.der);
  let privateKey: KeyObject;
  try {
    // OpenSSL is given the one block that was checked, not the text it could read otherwise.
    privateKey = createPrivateKey({ key: derToPem(keyBlock.der, keyBlock.label), format: 'pem', passphrase: passphrase ?? '' });
  } catch (error) {
    throw new PkiCryptoError(
      encrypted ? PkiCryptoErrorCode.BAD_PASSWORD : PkiCryptoErrorCode.MALFORMED_PEM,
      encrypted ? 'missing or wrong passphrase for the private key' : 'cannot read the private key PEM',
      { cause: error },
    );
  }
  const certs = pemBlocks(certsPem)
    .filter((block) => block.label === 'CERTIFICATE')
    .map((block) => block.der);
  return pairKeyWithCertificate([privateKey], certs);
}

function pairKeyWithCertificate(keys: KeyObject[], certs: Buffer[]): ImportedSigningKey {
  if (certs.length === 0) throw new PkiCryptoError(PkiCryptoErrorCode.NO_CERTIFICATE, 'no certificate found');
  for (const privateKey of keys) {
    const index = certs.findIndex((der) => publicKeyMatches(der, privateKey));
    if (index >= 0) {
      const others = certs.filter((_, i) => i !== index);
      return { privateKey, certDer: certs[index], chainDer: orderChain(certs[index], others) };
    }
  }
  throw new PkiCryptoError(PkiCryptoErrorCode.KEY_CERTIFICATE_MISMATCH, 'no certificate matches the private key');
}

function orderChain(leafDer: Buffer, othersDer: Buffer[]): Buffer[] {
  const remaining = othersDer.map((der) => parseCertificate(der));
  const ordered: ParsedCertificate[] = [];
  let current = parseCertificate(leafDer);
  for (;;) {
    const index = remaining.findIndex((cert) => cert.subject.matchKey === current.issuer.matchKey);
    if (index < 0 || current.issuer.matchKey === current.subject.matchKey) break;
    current = remaining.splice(index, 1)[0];
    ordered.push(current);
  }
  return [...ordered, ...remaining].map((cert) => cert.der);
}
