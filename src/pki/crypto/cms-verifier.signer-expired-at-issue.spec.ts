import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey } from './dev-pki';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

describe('verifyDetachedCms: SIGNER_EXPIRED_AT_ISSUE', () => {
  it('judges validity at the hub-recorded issue time, not at the signing time the signer claims', () => {
    const ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    const key = createDevSigningKey({ ca, subject: { CN: 'Short-lived Signer' }, validFrom: VALID_FROM, validTo: new Date('2026-02-01T00:00:00Z'), keyPair: testKeyPair() });
    // The signer back-dates its signingTime into the certificate's validity.
    const claimedSigningTime = new Date('2026-01-15T00:00:00Z');
    const issueTime = new Date('2026-03-02T09:30:00Z');
    const cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, claimedSigningTime);

    const result = verifyDetachedCms({ content: DOCUMENT, cmsDer: cms, trustAnchorsDer: [ca.certDer], issueTime, now: issueTime });

    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.SIGNER_EXPIRED_AT_ISSUE]);
    expect(result.signingTime).toEqual(claimedSigningTime);
    expect(result.checks.find((check) => check.code === CmsCheckCode.VALIDITY_AT_ISSUE)?.message).toContain('had expired at the issue time 2026-03-02T09:30:00.000Z');
  });
});
