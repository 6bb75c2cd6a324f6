import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from './dev-pki';
import { PkiCryptoErrorCode } from './pki-crypto.error';
import {
  derToPem,
  fingerprintSha256,
  hasSigningKeyUsage,
  parseCertificate,
  parseCertificateCached,
  pemToDer,
  publicKeyMatches,
  validityAt,
  ValidityStatus,
} from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const VALID_TO = new Date('2027-01-01T00:00:00Z');

const withCode = (code: PkiCryptoErrorCode) => expect.objectContaining({ name: 'PkiCryptoError', code });

describe('x509 helpers', () => {
  let dir: string;
  let ca: DevCa;
  let key: DevSigningKey;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'x509-'));
    ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    key = createDevSigningKey({ ca, subject: { CN: 'CO Signer', O: 'Board of Trade', C: 'TH' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair: testKeyPair() });
    writeFileSync(join(dir, 'signer.pem'), key.certPem);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const openssl = (...args: string[]): string => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8' }).trim();

  it('reads the same fields from PEM and DER, matching what openssl prints', () => {
    const fromPem = parseCertificate(key.certPem);
    const fromDer = parseCertificate(key.certDer);
    const opensslFingerprint = openssl('x509', '-in', 'signer.pem', '-noout', '-fingerprint', '-sha256').split('=')[1];
    const opensslSerial = openssl('x509', '-in', 'signer.pem', '-noout', '-serial').split('=')[1];

    expect(fromPem.fingerprintSha256).toBe(fromDer.fingerprintSha256);
    expect(fromDer.fingerprintSha256).toBe(opensslFingerprint.replace(/:/g, '').toLowerCase());
    expect(fromDer.serialNumberHex).toBe(opensslSerial.toLowerCase().replace(/^0+/, ''));
    expect(fromDer.subject.text).toBe('C=TH, O=Board of Trade, CN=CO Signer');
    expect(fromDer.issuer.text).toBe('CN=TH Root CA');
    expect([fromDer.notBefore, fromDer.notAfter]).toEqual([VALID_FROM, VALID_TO]);
    expect(fromDer.basicConstraints).toEqual({ cA: false, pathLenConstraint: undefined });
    expect(fromDer.keyUsage).toMatchObject({ digitalSignature: true, nonRepudiation: true, keyCertSign: false });
    expect(fromDer.extendedKeyUsageOids).toBeUndefined();
    expect(fromDer.unsupportedCriticalExtensions).toEqual([]);
  });

  it('reads an extended key usage written by openssl', () => {
    writeFileSync(join(dir, 'key.pem'), key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    openssl('req', '-x509', '-key', 'key.pem', '-subj', '/CN=EKU', '-days', '1', '-addext', 'extendedKeyUsage=emailProtection,codeSigning', '-out', 'eku.pem');

    const cert = parseCertificate(readFileSync(join(dir, 'eku.pem'), 'latin1'));

    expect(cert.extendedKeyUsageOids).toEqual(['1.3.6.1.5.5.7.3.4', '1.3.6.1.5.5.7.3.3']);
  });

  it('tells whether a private key belongs to a certificate', () => {
    expect(publicKeyMatches(key.certDer, key.privateKey)).toBe(true);
    expect(publicKeyMatches(key.certDer, ca.privateKey)).toBe(false);
    expect(publicKeyMatches(Buffer.from('not a certificate'), key.privateKey)).toBe(false);
  });

  it('requires digitalSignature or nonRepudiation for signing', () => {
    expect(hasSigningKeyUsage(parseCertificate(key.certDer))).toBe(true);
    expect(hasSigningKeyUsage(ca.certificate)).toBe(false);
  });

  it('judges validity at a date, both bounds included', () => {
    const cert = parseCertificate(key.certDer);

    expect(validityAt(cert, new Date(VALID_FROM.getTime() - 1))).toBe(ValidityStatus.NOT_YET_VALID);
    expect(validityAt(cert, VALID_FROM)).toBe(ValidityStatus.VALID);
    expect(validityAt(cert, VALID_TO)).toBe(ValidityStatus.VALID);
    expect(validityAt(cert, new Date(VALID_TO.getTime() + 1000))).toBe(ValidityStatus.EXPIRED);
  });

  it('converts between PEM and DER', () => {
    expect(pemToDer(derToPem(key.certDer)).equals(key.certDer)).toBe(true);
    expect(derToPem(key.certDer)).toBe(key.certPem);
    expect(fingerprintSha256(pemToDer(key.certPem))).toBe(parseCertificate(key.certDer).fingerprintSha256);
  });

  it('refuses input that is not a certificate with typed errors', () => {
    expect(() => parseCertificate(Buffer.from('3003020101', 'hex'))).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_CERTIFICATE));
    expect(() => parseCertificate(key.certDer.subarray(0, 100))).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_CERTIFICATE));
    expect(() => parseCertificate('no PEM here')).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_PEM));
    expect(() => pemToDer('-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----')).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_PEM));
  });
});

describe('parseCertificateCached', () => {
  const ca = createDevCa({ commonName: 'Cached Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });

  it('answers the same parse for the same bytes, and for the parse\'s own DER', () => {
    const first = parseCertificateCached(Buffer.from(ca.certDer));
    // Bytes equal to the first, in another buffer: found by their digest.
    expect(parseCertificateCached(Buffer.from(ca.certDer))).toBe(first);
    // The parse's own DER, handed back as anchors are: found without a digest.
    expect(first.der).not.toBe(ca.certDer);
    expect(parseCertificateCached(first.der)).toBe(first);
    expect(first.fingerprintSha256).toBe(fingerprintSha256(ca.certDer));
  });

  it('tells other bytes apart', () => {
    const other = createDevCa({ commonName: 'Other Cached CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    expect(parseCertificateCached(other.certDer)).not.toBe(parseCertificateCached(ca.certDer));
    expect(parseCertificateCached(other.certDer).subject.text).toContain('Other Cached CA');
  });
});
