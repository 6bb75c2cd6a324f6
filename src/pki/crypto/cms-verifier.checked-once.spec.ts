import { CmsSigner } from './cms-signer';
import { CmsReasonCode, RevocationStatus } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createCrl, CrlReason, parseCrl } from './crl';
import { createDevCa, createDevSigningKey } from './dev-pki';
import { parseCertificate } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const NOW = new Date('2026-03-10T12:00:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000777"}');

// The same document and signature verified again: the parse and the RSA check are kept, but the
// anchors and the CRLs of each call decide the answer of that call.
describe('verifyDetachedCms: the same bytes verified again', () => {
  const ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
  const key = createDevSigningKey({ ca, subject: { CN: 'Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
  const cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);
  const verify = (input: { anchors: Buffer[]; crls?: ReturnType<typeof parseCrl>[]; content?: Buffer }) =>
    verifyDetachedCms({ content: input.content ?? DOCUMENT, cmsDer: cms, trustAnchorsDer: input.anchors, crls: input.crls, issueTime: ISSUE_TIME, now: NOW });

  it('judges the chain against the anchors of each call', () => {
    expect(verify({ anchors: [ca.certDer] }).valid).toBe(true);
    const other = createDevCa({ commonName: 'Other CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    expect(verify({ anchors: [other.certDer] }).reasons).toEqual([CmsReasonCode.UNTRUSTED_CHAIN]);
    expect(verify({ anchors: [ca.certDer] }).valid).toBe(true);
  });

  it('judges revocation against the CRLs of each call', () => {
    expect(verify({ anchors: [ca.certDer] }).valid).toBe(true);
    const crl = createCrl({
      issuerCert: ca.certDer,
      issuerKey: ca.privateKey,
      revoked: [{ serialHex: parseCertificate(key.certDer).serialNumberHex, date: new Date('2026-03-01T00:00:00Z'), reason: CrlReason.KEY_COMPROMISE }],
      thisUpdate: new Date('2026-03-09T00:00:00Z'),
      nextUpdate: new Date('2026-03-16T00:00:00Z'),
    });
    const revoked = verify({ anchors: [ca.certDer], crls: [parseCrl(crl)] });
    expect(revoked.valid).toBe(false);
    expect(revoked.revocation?.status).toBe(RevocationStatus.REVOKED_BEFORE_ISSUE);
  });

  it('keeps the digest check to the document it was made for: other bytes are checked on their own', () => {
    expect(verify({ anchors: [ca.certDer] }).valid).toBe(true);
    expect(verify({ anchors: [ca.certDer], content: Buffer.from('{"certificateNumber":"TH-2026-000778"}') }).reasons).toEqual([CmsReasonCode.TAMPERED_DOCUMENT]);
  });
});
