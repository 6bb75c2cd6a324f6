import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsSigner, signDetachedCms } from './cms-signer';
import { CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from './dev-pki';
import { PkiCryptoErrorCode } from './pki-crypto.error';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
// openssl checks validity at -attime; the fixed issue time keeps the spec independent of the clock.
const ATTIME = String(ISSUE_TIME.getTime() / 1000);
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123","exportCountry":"TH","importCountry":"CN"}');

describe('CmsSigner', () => {
  let dir: string;
  let root: DevCa;
  let intermediate: DevCa;
  let key: DevSigningKey;
  let signer: CmsSigner;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cms-signer-'));
    root = createDevCa({ commonName: 'Dev Root CA', countryName: 'TH', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    intermediate = createDevCa({ commonName: 'Dev Issuing CA', validDays: 1825, validFrom: VALID_FROM, keyPair: testKeyPair(), issuer: root });
    key = createDevSigningKey({
      ca: intermediate,
      subject: { CN: 'CO Signer 1', O: 'Board of Trade', C: 'TH' },
      validFrom: VALID_FROM,
      validTo: new Date('2027-01-01T00:00:00Z'),
      keyPair: testKeyPair(),
    });
    signer = new CmsSigner({ signerCertDer: key.certDer, chainDer: key.chainDer, privateKey: key.privateKey });
    writeFileSync(join(dir, 'ca.pem'), root.certPem);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function opensslVerify(document: Buffer, cms: Buffer): { status: number | null; stderr: string } {
    writeFileSync(join(dir, 'doc.json'), document);
    writeFileSync(join(dir, 'sig.der'), cms);
    const run = spawnSync(
      'openssl',
      ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'doc.json', '-CAfile', 'ca.pem', '-attime', ATTIME, '-out', '/dev/null'],
      { cwd: dir, encoding: 'utf8' },
    );
    return { status: run.status, stderr: run.stderr };
  }

  it('produces a detached SignedData that openssl cms -verify accepts', () => {
    const cms = signer.sign(DOCUMENT, ISSUE_TIME);

    const result = opensslVerify(DOCUMENT, cms);

    expect(result.stderr).toContain('Verification successful');
    expect(result.status).toBe(0);
  });

  it('writes SHA-256, rsaEncryption, the three signed attributes and no eContent', () => {
    const cms = signer.sign(DOCUMENT, ISSUE_TIME);
    writeFileSync(join(dir, 'print.der'), cms);

    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'print.der'], { cwd: dir, encoding: 'utf8' });

    expect(printed).toContain('eContent: <ABSENT>');
    expect(printed).toMatch(/digestAlgorithm:\s+algorithm: sha256/);
    expect(printed).toMatch(/signatureAlgorithm:\s+algorithm: rsaEncryption/);
    expect(printed).toContain('contentType (1.2.840.113549.1.9.3)');
    expect(printed).toContain('signingTime (1.2.840.113549.1.9.5)');
    expect(printed).toContain('UTCTIME:Mar  2 09:30:00 2026 GMT');
    expect(printed).toContain('messageDigest (1.2.840.113549.1.9.4)');
    expect(printed).toMatch(/d\.issuerAndSerialNumber:\s+issuer: CN=Dev Issuing CA/);
  });

  it('makes openssl fail and our verifier report TAMPERED_DOCUMENT when one byte of the document changes', () => {
    const cms = signer.sign(DOCUMENT, ISSUE_TIME);
    const tampered = Buffer.from(DOCUMENT);
    tampered[20] ^= 0x01;

    const openssl = opensslVerify(tampered, cms);
    const ours = verifyDetachedCms({ content: tampered, cmsDer: cms, trustAnchorsDer: [root.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME });

    expect(openssl.status).not.toBe(0);
    expect(openssl.stderr).toContain('content verify error');
    expect(ours.valid).toBe(false);
    expect(ours.reasons).toEqual([CmsReasonCode.TAMPERED_DOCUMENT]);
  });

  it('encodes a signing time from 2050 on as GeneralizedTime, which openssl still accepts', () => {
    const cms = signer.sign(DOCUMENT, new Date('2050-06-01T00:00:00Z'));

    expect(opensslVerify(DOCUMENT, cms).status).toBe(0);
    expect(cms.includes(Buffer.from('20500601000000Z'))).toBe(true);
  });

  it('signs through the one-off helper as well', () => {
    const cms = signDetachedCms({
      content: DOCUMENT,
      signerCertDer: key.certDer,
      chainDer: key.chainDer,
      privateKey: key.privateKey,
      signingTime: ISSUE_TIME,
    });

    expect(opensslVerify(DOCUMENT, cms).status).toBe(0);
  });

  it('refuses a private key that does not belong to the signer certificate', () => {
    expect(() => new CmsSigner({ signerCertDer: key.certDer, privateKey: root.privateKey })).toThrow(
      expect.objectContaining({ code: PkiCryptoErrorCode.KEY_CERTIFICATE_MISMATCH }),
    );
  });
});
