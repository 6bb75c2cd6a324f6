import { CmsSigner } from './cms-signer';
import { CmsCheckCode, RevocationStatus } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createCrl, CrlReason, parseCrl } from './crl';
import { createDevCa, createDevSigningKey } from './dev-pki';
import { parseCertificate } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const REVOKED_AT = new Date('2026-03-05T00:00:00Z');
const NOW = new Date('2026-03-10T12:00:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

describe('verifyDetachedCms: revoked after issue', () => {
  it('keeps a signature made before the revocation valid, and says so in a passed check', () => {
    const ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    const key = createDevSigningKey({ ca, subject: { CN: 'Retired Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
    const cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);
    const crl = createCrl({
      issuerCert: ca.certDer,
      issuerKey: ca.privateKey,
      revoked: [{ serialHex: parseCertificate(key.certDer).serialNumberHex, date: REVOKED_AT, reason: CrlReason.CESSATION_OF_OPERATION }],
      thisUpdate: new Date('2026-03-09T00:00:00Z'),
      nextUpdate: new Date('2026-03-16T00:00:00Z'),
    });

    const result = verifyDetachedCms({
      content: DOCUMENT,
      cmsDer: cms,
      trustAnchorsDer: [ca.certDer],
      crls: [parseCrl(crl)],
      issueTime: ISSUE_TIME,
      now: NOW,
    });

    expect(result.valid).toBe(true);
    expect(result.reasons).toEqual([]);
    expect(result.revocation).toEqual({ status: RevocationStatus.REVOKED_AFTER_ISSUE, revocationDate: REVOKED_AT });
    expect(result.checks.find((check) => check.code === CmsCheckCode.REVOCATION)).toEqual({
      code: CmsCheckCode.REVOCATION,
      passed: true,
      message: 'the signer certificate was revoked after issue (on 2026-03-05T00:00:00.000Z); the signature stays valid',
    });
  });
});
