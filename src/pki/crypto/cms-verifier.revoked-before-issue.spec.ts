import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode, RevocationStatus } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createCrl, CrlReason, parseCrl } from './crl';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from './dev-pki';
import { parseCertificate } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const NOW = new Date('2026-03-10T12:00:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

describe('verifyDetachedCms: SIGNER_REVOKED_BEFORE_ISSUE', () => {
  let ca: DevCa;
  let key: DevSigningKey;
  let cms: Buffer;

  beforeAll(() => {
    ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    key = createDevSigningKey({ ca, subject: { CN: 'Compromised Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
    cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);
  });

  const crlRevoking = (date: Date) =>
    parseCrl(
      createCrl({
        issuerCert: ca.certDer,
        issuerKey: ca.privateKey,
        revoked: [{ serialHex: parseCertificate(key.certDer).serialNumberHex, date, reason: CrlReason.KEY_COMPROMISE }],
        thisUpdate: new Date('2026-03-09T00:00:00Z'),
        nextUpdate: new Date('2026-03-16T00:00:00Z'),
      }),
    );

  it('reports a signer revoked before the issue time', () => {
    const result = verifyDetachedCms({
      content: DOCUMENT,
      cmsDer: cms,
      trustAnchorsDer: [ca.certDer],
      crls: [crlRevoking(new Date('2026-02-15T00:00:00Z'))],
      issueTime: ISSUE_TIME,
      now: NOW,
    });

    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.SIGNER_REVOKED_BEFORE_ISSUE]);
    expect(result.revocation).toEqual({ status: RevocationStatus.REVOKED_BEFORE_ISSUE, revocationDate: new Date('2026-02-15T00:00:00Z') });
    expect(result.checks.find((check) => check.code === CmsCheckCode.REVOCATION)?.message).toContain('revoked on 2026-02-15T00:00:00.000Z, before the issue time');
  });

  it('counts a revocation at the very issue time as before it', () => {
    const result = verifyDetachedCms({
      content: DOCUMENT,
      cmsDer: cms,
      trustAnchorsDer: [ca.certDer],
      crls: [crlRevoking(ISSUE_TIME)],
      issueTime: ISSUE_TIME,
      now: NOW,
    });

    expect(result.reasons).toEqual([CmsReasonCode.SIGNER_REVOKED_BEFORE_ISSUE]);
  });
});
