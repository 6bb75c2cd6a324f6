import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as forge from 'node-forge';
import { createDevCa, DevCa, issueDevSigningCertificate, signCsr } from './dev-pki';
import { createCsr, generateRsaKeyPairSync, RsaKeyPair } from './keys';
import { PkiCryptoErrorCode } from './pki-crypto.error';
import { parseCertificate, publicKeyMatches } from './x509';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const VALID_TO = new Date('2027-01-01T00:00:00Z');
const ATTIME = String(new Date('2026-03-02T00:00:00Z').getTime() / 1000);

const withCode = (code: PkiCryptoErrorCode) => expect.objectContaining({ name: 'PkiCryptoError', code });

describe('development PKI', () => {
  let dir: string;
  let root: DevCa;
  let intermediate: DevCa;
  let signerKeys: RsaKeyPair;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dev-pki-'));
    root = createDevCa({ commonName: 'Dev Root CA', organizationName: 'e-CoO Hub', countryName: 'TH', validDays: 3650, validFrom: VALID_FROM, keyBits: 2048 });
    intermediate = createDevCa({ commonName: 'Dev Issuing CA', validDays: 1825, validFrom: VALID_FROM, keyBits: 2048, issuer: root, pathLenConstraint: 0 });
    signerKeys = generateRsaKeyPairSync(2048);
    writeFileSync(join(dir, 'root.pem'), root.certPem);
    writeFileSync(join(dir, 'intermediate.pem'), intermediate.certPem);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const opensslVerify = (pem: string) => {
    writeFileSync(join(dir, 'leaf.pem'), pem);
    return spawnSync('openssl', ['verify', '-attime', ATTIME, '-CAfile', 'root.pem', '-untrusted', 'intermediate.pem', 'leaf.pem'], { cwd: dir, encoding: 'utf8' });
  };

  it('makes a self-signed root CA and an intermediate with the CA extensions', () => {
    expect(root.certificate.subject.text).toBe('C=TH, O=e-CoO Hub, CN=Dev Root CA');
    expect(root.certificate.issuer.text).toBe(root.certificate.subject.text);
    expect(root.certificate.basicConstraints).toEqual({ cA: true, pathLenConstraint: undefined });
    expect(root.certificate.keyUsage).toMatchObject({ keyCertSign: true, cRLSign: true, digitalSignature: false });
    expect(root.chainDer).toEqual([]);
    expect(intermediate.certificate.basicConstraints).toEqual({ cA: true, pathLenConstraint: 0 });
    expect(intermediate.chainDer).toEqual([intermediate.certDer]);
    expect(intermediate.certificate.notAfter).toEqual(new Date('2030-12-31T00:00:00Z'));
  });

  it('issues a signing certificate with digitalSignature + nonRepudiation and no extended key usage', () => {
    const issued = issueDevSigningCertificate({ ca: intermediate, subject: { CN: 'CO Signer', C: 'TH' }, publicKey: signerKeys.publicKey, validFrom: VALID_FROM, validTo: VALID_TO });
    writeFileSync(join(dir, 'signer.pem'), issued.certPem);

    const text = execFileSync('openssl', ['x509', '-in', 'signer.pem', '-noout', '-text'], { cwd: dir, encoding: 'utf8' });

    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).not.toContain('Extended Key Usage');
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(opensslVerify(issued.certPem).stdout).toContain('leaf.pem: OK');
  });

  it('signs a CSR made by createCsr, keeping its subject and key', () => {
    const csr = createCsr({ subject: { CN: 'Chamber Signer', O: 'Chamber of Commerce', C: 'KH' }, privateKey: signerKeys.privateKey });
    writeFileSync(join(dir, 'req.pem'), csr);

    const issued = signCsr(intermediate, csr, { validFrom: VALID_FROM, validTo: VALID_TO, serialNumberHex: '1234abcd' });
    const cert = parseCertificate(issued.certDer);

    expect(spawnSync('openssl', ['req', '-in', 'req.pem', '-noout', '-verify'], { cwd: dir, encoding: 'utf8' }).stderr).toContain('verify OK');
    expect(cert.subject.text).toBe('C=KH, O=Chamber of Commerce, CN=Chamber Signer');
    expect(cert.serialNumberHex).toBe('1234abcd');
    expect(publicKeyMatches(issued.certDer, signerKeys.privateKey)).toBe(true);
    expect(opensslVerify(issued.certPem).stdout).toContain('leaf.pem: OK');
  });

  it('refuses a CSR whose signature does not verify as CSR_SIGNATURE_INVALID', () => {
    // Change the subject after signing: the proof of possession no longer covers what is asked for.
    const csr = forge.pki.certificationRequestFromPem(createCsr({ subject: { CN: 'Honest Signer' }, privateKey: signerKeys.privateKey }));
    csr.setSubject([{ shortName: 'CN', value: 'Forged Signer' }]);
    csr.certificationRequestInfo = null;
    const forged = forge.pki.certificationRequestToPem(csr);

    expect(() => signCsr(intermediate, forged, { validFrom: VALID_FROM, validTo: VALID_TO })).toThrow(withCode(PkiCryptoErrorCode.CSR_SIGNATURE_INVALID));
  });

  it('refuses text that is not a CSR as MALFORMED_CSR', () => {
    expect(() => signCsr(intermediate, 'not a csr', { validFrom: VALID_FROM, validTo: VALID_TO })).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_CSR));
  });

  it('checks the subject given for a CSR', () => {
    expect(() => createCsr({ subject: { CN: ' ' }, privateKey: signerKeys.privateKey })).toThrow(withCode(PkiCryptoErrorCode.INVALID_ARGUMENT));
    expect(() => createCsr({ subject: { CN: 'X', C: 'Thailand' }, privateKey: signerKeys.privateKey })).toThrow(withCode(PkiCryptoErrorCode.INVALID_ARGUMENT));
  });
});
