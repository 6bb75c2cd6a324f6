import { createCrl, CrlReason, parseCrl } from '../crypto/crl';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from '../crypto/dev-pki';
import { parseCertificate } from '../crypto/x509';
import { PkiErrorCode } from '../pki.error';
import { checkSigningCertificate, SigningCertificateCheckInput } from './signing-certificate-check';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const VALID_TO = new Date('2027-01-01T00:00:00Z');
const NOW = new Date('2026-03-02T09:30:00Z');

describe('checkSigningCertificate', () => {
  let root: DevCa;
  let issuing: DevCa;
  let otherRoot: DevCa;
  let key: DevSigningKey;

  beforeAll(() => {
    root = createDevCa({ commonName: 'KH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    issuing = createDevCa({ commonName: 'KH Issuing CA', validDays: 1825, validFrom: VALID_FROM, keyPair: testKeyPair(), issuer: root });
    otherRoot = createDevCa({ commonName: 'JP Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    key = createDevSigningKey({ ca: issuing, subject: { CN: 'KH-MOC CO signer', C: 'KH' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair: testKeyPair() });
  });

  const input = (overrides: Partial<SigningCertificateCheckInput> = {}): SigningCertificateCheckInput => ({
    certificate: parseCertificate(key.certDer),
    chain: [issuing.certificate],
    publicKey: key.publicKey,
    anchors: [root.certificate],
    crls: [],
    now: NOW,
    ownerLabel: 'authority:KH-MOC',
    ...overrides,
  });
  const codes = (overrides: Partial<SigningCertificateCheckInput> = {}) => checkSigningCertificate(input(overrides)).problems.map((p) => p.code);

  it('accepts a valid signing certificate and keeps the intermediates up to the anchor', () => {
    const result = checkSigningCertificate(input());
    expect(result.problems).toEqual([]);
    expect(result.pathDer).toEqual([issuing.certDer]);
    expect(result.anchor?.fingerprintSha256).toBe(root.certificate.fingerprintSha256);
  });

  it('refuses a certificate for another key as CERTIFICATE_KEY_MISMATCH', () => {
    expect(codes({ publicKey: testKeyPair().publicKey })).toEqual([PkiErrorCode.CERTIFICATE_KEY_MISMATCH]);
  });

  it('refuses an expired certificate and one not yet valid', () => {
    expect(codes({ now: new Date('2027-02-01T00:00:00Z') })).toEqual([PkiErrorCode.CERTIFICATE_EXPIRED]);
    expect(codes({ now: new Date('2025-12-01T00:00:00Z') })).toContain(PkiErrorCode.CERTIFICATE_NOT_YET_VALID);
  });

  it('refuses a certificate without digitalSignature as CERTIFICATE_KEY_USAGE', () => {
    const onlyNonRepudiation = createDevSigningKey({ ca: issuing, subject: { CN: 'x' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair: testKeyPair(), keyUsage: { nonRepudiation: true } });
    const certificate = parseCertificate(onlyNonRepudiation.certDer);
    expect(codes({ certificate, publicKey: onlyNonRepudiation.publicKey })).toEqual([PkiErrorCode.CERTIFICATE_KEY_USAGE]);
  });

  it('refuses a CA certificate as CERTIFICATE_IS_CA', () => {
    const problems = codes({ certificate: issuing.certificate, publicKey: issuing.privateKey, chain: [] });
    expect(problems).toEqual(expect.arrayContaining([PkiErrorCode.CERTIFICATE_KEY_USAGE, PkiErrorCode.CERTIFICATE_IS_CA]));
  });

  it('refuses a certificate that does not chain to the owner anchors as CERTIFICATE_UNTRUSTED', () => {
    expect(codes({ anchors: [otherRoot.certificate] })).toEqual([PkiErrorCode.CERTIFICATE_UNTRUSTED]);
    expect(codes({ chain: [] })).toEqual([PkiErrorCode.CERTIFICATE_UNTRUSTED]);
    const none = checkSigningCertificate(input({ anchors: [] }));
    expect(none.problems).toEqual([{ code: PkiErrorCode.CERTIFICATE_UNTRUSTED, message: expect.stringContaining('no trust anchor is registered for authority:KH-MOC') }]);
  });

  it('refuses a certificate a current CRL revokes as CERTIFICATE_REVOKED', () => {
    const crl = parseCrl(
      createCrl({
        issuerCert: issuing.certDer,
        issuerKey: issuing.privateKey,
        revoked: [{ serialHex: parseCertificate(key.certDer).serialNumberHex, date: new Date('2026-02-01T00:00:00Z'), reason: CrlReason.KEY_COMPROMISE }],
        thisUpdate: new Date('2026-03-01T00:00:00Z'),
        nextUpdate: new Date('2026-03-08T00:00:00Z'),
      }),
    );
    expect(codes({ crls: [crl] })).toEqual([PkiErrorCode.CERTIFICATE_REVOKED]);
    // A CRL past its nextUpdate is not relied on.
    expect(codes({ crls: [crl], now: new Date('2026-03-09T00:00:00Z') })).toEqual([]);
  });

  it('reports every problem at once', () => {
    const result = checkSigningCertificate(input({ publicKey: testKeyPair().publicKey, anchors: [otherRoot.certificate], now: new Date('2027-02-01T00:00:00Z') }));
    expect(result.problems.map((p) => p.code)).toEqual([PkiErrorCode.CERTIFICATE_KEY_MISMATCH, PkiErrorCode.CERTIFICATE_EXPIRED, PkiErrorCode.CERTIFICATE_UNTRUSTED]);
  });
});
