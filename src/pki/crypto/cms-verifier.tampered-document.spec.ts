import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey, DevCa } from './dev-pki';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123","items":[{"hsCode":"081060"}]}');

describe('verifyDetachedCms: TAMPERED_DOCUMENT', () => {
  let ca: DevCa;
  let cms: Buffer;

  beforeAll(() => {
    ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    const key = createDevSigningKey({ ca, subject: { CN: 'CO Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
    cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);
  });

  it('reports a changed document as TAMPERED_DOCUMENT and nothing else', () => {
    const changed = Buffer.from(DOCUMENT.toString().replace('081060', '081090'));

    const result = verifyDetachedCms({ content: changed, cmsDer: cms, trustAnchorsDer: [ca.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME });

    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.TAMPERED_DOCUMENT]);
    expect(result.checks.find((check) => check.code === CmsCheckCode.CONTENT_DIGEST)).toMatchObject({
      passed: false,
      reason: CmsReasonCode.TAMPERED_DOCUMENT,
    });
    // The signature over the signed attributes is intact: only the document moved.
    expect(result.checks.find((check) => check.code === CmsCheckCode.SIGNATURE)?.passed).toBe(true);
  });

  it('reports a truncated or extended document as TAMPERED_DOCUMENT', () => {
    const anchors = { trustAnchorsDer: [ca.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME, cmsDer: cms };

    expect(verifyDetachedCms({ ...anchors, content: DOCUMENT.subarray(0, -1) }).reasons).toEqual([CmsReasonCode.TAMPERED_DOCUMENT]);
    expect(verifyDetachedCms({ ...anchors, content: Buffer.concat([DOCUMENT, Buffer.from('\n')]) }).reasons).toEqual([
      CmsReasonCode.TAMPERED_DOCUMENT,
    ]);
  });
});
