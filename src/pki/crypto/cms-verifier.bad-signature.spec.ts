import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey, DevCa } from './dev-pki';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

describe('verifyDetachedCms: BAD_SIGNATURE', () => {
  let ca: DevCa;
  let cms: Buffer;

  beforeAll(() => {
    ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    const key = createDevSigningKey({ ca, subject: { CN: 'CO Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
    cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);
  });

  const verify = (cmsDer: Buffer) =>
    verifyDetachedCms({ content: DOCUMENT, cmsDer, trustAnchorsDer: [ca.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME });

  it('reports a changed signature value as BAD_SIGNATURE', () => {
    // The RSA signature is the last element of the DER.
    const altered = Buffer.from(cms);
    altered[altered.length - 7] ^= 0x40;

    const result = verify(altered);

    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.BAD_SIGNATURE]);
    expect(result.checks.find((check) => check.code === CmsCheckCode.CONTENT_DIGEST)?.passed).toBe(true);
  });

  it('reports a changed signed attribute (the signing time) as BAD_SIGNATURE', () => {
    const altered = Buffer.from(cms);
    const at = altered.indexOf(Buffer.from('260302093000Z', 'latin1'));
    expect(at).toBeGreaterThan(0);
    altered.write('7', at + 1, 'latin1'); // 2026 -> 2027

    const result = verify(altered);

    expect(result.reasons).toEqual([CmsReasonCode.BAD_SIGNATURE]);
    expect(result.signingTime).toEqual(new Date('2027-03-02T09:30:00Z'));
  });
});
