import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsSigner } from './cms-signer';
import { CmsCheckCode, RevocationStatus } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createCrl, parseCrl } from './crl';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from './dev-pki';
import { derToPem, fingerprintSha256 } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const NOW = new Date('2026-03-10T12:00:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

const opensslStyle = (hex: string): string => (hex.toUpperCase().match(/../g) ?? []).join(':');

describe('verifyDetachedCms: a valid signature', () => {
  let root: DevCa;
  let intermediate: DevCa;
  let key: DevSigningKey;

  beforeAll(() => {
    root = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    intermediate = createDevCa({ commonName: 'TH Issuing CA', validDays: 1825, validFrom: VALID_FROM, keyPair: testKeyPair(), issuer: root });
    key = createDevSigningKey({
      ca: intermediate,
      subject: { CN: 'CO Signer 1', O: 'Board of Trade', C: 'TH' },
      validFrom: VALID_FROM,
      validTo: new Date('2027-01-01T00:00:00Z'),
      keyPair: testKeyPair(),
    });
  });

  it('passes every check through an intermediate CA, with a current CRL and the expected signer', () => {
    const cms = new CmsSigner({ signerCertDer: key.certDer, chainDer: key.chainDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);
    const crl = createCrl({
      issuerCert: intermediate.certDer,
      issuerKey: intermediate.privateKey,
      revoked: [{ serialHex: '0badc0de', date: new Date('2026-02-01T00:00:00Z') }],
      thisUpdate: new Date('2026-03-09T00:00:00Z'),
      nextUpdate: new Date('2026-03-16T00:00:00Z'),
    });

    const result = verifyDetachedCms({
      content: DOCUMENT,
      cmsDer: cms,
      trustAnchorsDer: [root.certDer],
      crls: [parseCrl(crl)],
      issueTime: ISSUE_TIME,
      now: NOW,
      // Registered fingerprints may come as OpenSSL prints them: upper case with colons.
      expectedSigner: { fingerprintsSha256: [opensslStyle(fingerprintSha256(key.certDer))], subject: { O: 'Board of Trade', C: 'TH' } },
    });

    expect(result.reasons).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.checks.map((check) => [check.code, check.passed])).toEqual([
      [CmsCheckCode.STRUCTURE, true],
      [CmsCheckCode.CONTENT_DIGEST, true],
      [CmsCheckCode.SIGNATURE, true],
      [CmsCheckCode.TRUST_CHAIN, true],
      [CmsCheckCode.EXPECTED_SIGNER, true],
      [CmsCheckCode.VALIDITY_AT_ISSUE, true],
      [CmsCheckCode.KEY_USAGE, true],
      [CmsCheckCode.CRL, true],
      [CmsCheckCode.REVOCATION, true],
    ]);
    expect(result.revocation).toEqual({ status: RevocationStatus.GOOD, revocationDate: undefined });
    expect(result.signingTime).toEqual(ISSUE_TIME);
    expect(result.trustAnchorFingerprintSha256).toBe(root.certificate.fingerprintSha256);
    expect(result.signer).toEqual({
      subject: 'C=TH, O=Board of Trade, CN=CO Signer 1',
      issuer: 'CN=TH Issuing CA',
      serialNumber: expect.stringMatching(/^[0-9a-f]+$/),
      fingerprintSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      notBefore: VALID_FROM,
      notAfter: new Date('2027-01-01T00:00:00Z'),
    });
  });

  it.each([
    ['DER', []],
    ['BER with indefinite lengths (-stream)', ['-stream']],
  ])('accepts a detached signature made by openssl cms -sign, %s', (_encoding, extra: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'cms-openssl-'));
    try {
      writeFileSync(join(dir, 'doc.json'), DOCUMENT);
      writeFileSync(join(dir, 'signer.pem'), key.certPem);
      writeFileSync(join(dir, 'chain.pem'), derToPem(intermediate.certDer));
      writeFileSync(join(dir, 'key.pem'), key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      execFileSync(
        'openssl',
        ['cms', '-sign', '-binary', '-md', 'sha256', '-in', 'doc.json', '-signer', 'signer.pem', '-inkey', 'key.pem', '-certfile', 'chain.pem', '-outform', 'DER', '-out', 'sig.der', ...extra],
        { cwd: dir },
      );

      const result = verifyDetachedCms({
        content: DOCUMENT,
        cmsDer: readFileSync(join(dir, 'sig.der')),
        trustAnchorsDer: [root.certDer],
        issueTime: ISSUE_TIME,
        now: NOW,
      });

      expect(result.reasons).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.revocation.status).toBe(RevocationStatus.NOT_CHECKED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
