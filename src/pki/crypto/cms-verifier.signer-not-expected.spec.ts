import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey, DevCa } from './dev-pki';
import { RsaKeyPair } from './keys';
import { fingerprintSha256 } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const VALID_TO = new Date('2027-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123","issuingAuthority":"TH-BOT"}');

describe('verifyDetachedCms: SIGNER_NOT_EXPECTED', () => {
  let expectedAuthorityCa: DevCa;
  let otherAuthorityCa: DevCa;
  // Signer certificates share one key pair: what differs here is who certified them.
  let keyPair: RsaKeyPair;

  beforeAll(() => {
    expectedAuthorityCa = createDevCa({ commonName: 'Board of Trade CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    otherAuthorityCa = createDevCa({ commonName: 'Chamber of Commerce CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    keyPair = testKeyPair();
  });

  it("reports a signature by another registered authority's key as SIGNER_NOT_EXPECTED", () => {
    const otherKey = createDevSigningKey({ ca: otherAuthorityCa, subject: { CN: 'Chamber Signer' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair });
    const cms = new CmsSigner({ signerCertDer: otherKey.certDer, privateKey: otherKey.privateKey }).sign(DOCUMENT, ISSUE_TIME);

    const result = verifyDetachedCms({
      content: DOCUMENT,
      cmsDer: cms,
      trustAnchorsDer: [expectedAuthorityCa.certDer],
      knownAnchorsDer: [expectedAuthorityCa.certDer, otherAuthorityCa.certDer],
      issueTime: ISSUE_TIME,
      now: ISSUE_TIME,
    });

    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.SIGNER_NOT_EXPECTED]);
    expect(result.trustAnchorFingerprintSha256).toBe(otherAuthorityCa.certificate.fingerprintSha256);
    expect(result.checks.find((check) => check.code === CmsCheckCode.TRUST_CHAIN)?.message).toContain('Chamber of Commerce CA');
  });

  it('cannot tell the other authority apart without the known anchors, and says UNTRUSTED_CHAIN', () => {
    const otherKey = createDevSigningKey({ ca: otherAuthorityCa, subject: { CN: 'Chamber Signer' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair });
    const cms = new CmsSigner({ signerCertDer: otherKey.certDer, privateKey: otherKey.privateKey }).sign(DOCUMENT, ISSUE_TIME);

    const result = verifyDetachedCms({
      content: DOCUMENT,
      cmsDer: cms,
      trustAnchorsDer: [expectedAuthorityCa.certDer],
      issueTime: ISSUE_TIME,
      now: ISSUE_TIME,
    });

    expect(result.reasons).toEqual([CmsReasonCode.UNTRUSTED_CHAIN]);
  });

  it('reports a certificate of the right CA that is not registered for the authority as SIGNER_NOT_EXPECTED', () => {
    // Two authorities whose signing certificates come from one national CA.
    const registered = createDevSigningKey({ ca: expectedAuthorityCa, subject: { CN: 'BOT Signer', O: 'Board of Trade' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair });
    const sibling = createDevSigningKey({ ca: expectedAuthorityCa, subject: { CN: 'Ministry Signer', O: 'Ministry' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair });
    const cms = new CmsSigner({ signerCertDer: sibling.certDer, privateKey: sibling.privateKey }).sign(DOCUMENT, ISSUE_TIME);

    const result = verifyDetachedCms({
      content: DOCUMENT,
      cmsDer: cms,
      trustAnchorsDer: [expectedAuthorityCa.certDer],
      issueTime: ISSUE_TIME,
      now: ISSUE_TIME,
      expectedSigner: { fingerprintsSha256: [fingerprintSha256(registered.certDer)], subject: { O: 'Board of Trade' } },
    });

    expect(result.reasons).toEqual([CmsReasonCode.SIGNER_NOT_EXPECTED]);
    const check = result.checks.find((candidate) => candidate.code === CmsCheckCode.EXPECTED_SIGNER);
    expect(check?.message).toContain('not one registered for the authority');
    expect(check?.message).toContain('subject O is "Ministry", expected "Board of Trade"');
  });
});
