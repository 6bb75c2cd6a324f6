import { CmsSigner } from './cms-signer';
import { CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey } from './dev-pki';
import { testKeyPair } from '../../../test/support/key-pool';

const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

describe('verifyDetachedCms: SIGNER_NOT_YET_VALID_AT_ISSUE', () => {
  it('reports a signer certificate whose validity starts after the issue time', () => {
    const ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: new Date('2026-01-01T00:00:00Z'), keyPair: testKeyPair() });
    const key = createDevSigningKey({
      ca,
      subject: { CN: 'Future Signer' },
      validFrom: new Date('2026-04-01T00:00:00Z'),
      validTo: new Date('2027-04-01T00:00:00Z'),
      keyPair: testKeyPair(),
    });
    const issueTime = new Date('2026-03-02T09:30:00Z');
    const cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, new Date('2026-04-02T00:00:00Z'));

    const result = verifyDetachedCms({ content: DOCUMENT, cmsDer: cms, trustAnchorsDer: [ca.certDer], issueTime, now: issueTime });

    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.SIGNER_NOT_YET_VALID_AT_ISSUE]);
  });
});
