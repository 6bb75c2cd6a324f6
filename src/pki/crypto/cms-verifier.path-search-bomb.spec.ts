import { MAX_PATH_SEARCH_STEPS } from './certificate-path';
import { MAX_CMS_CERTIFICATES } from './cms-parser';
import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey, DevCa } from './dev-pki';
import { RsaKeyPair } from './keys';
import { testKeyPair } from '../../../test/support/key-pool';

// A signer may put any certificates it likes in its CMS. CA certificates that share one name and one
// key all issue one another, so a depth-first path search would try every ordering of them: 15 of
// them made millions of paths, each link an RSA check, for one anonymous POST /v1/verifications.

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const VALID_TO = new Date('2027-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

describe('verifyDetachedCms: a CMS that makes the path search explode', () => {
  let registeredRoot: DevCa;
  let sharedKey: RsaKeyPair;
  let loopCa: DevCa;

  beforeAll(() => {
    registeredRoot = createDevCa({ commonName: 'Registered Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    sharedKey = testKeyPair();
    loopCa = createDevCa({ commonName: 'Loop CA', validDays: 3650, validFrom: VALID_FROM, keyPair: sharedKey });
  });

  // Certificates named "Loop CA", issued by "Loop CA" with one key: each one verifies under every other.
  const loopCertificates = (count: number): Buffer[] =>
    Array.from({ length: count }, (_, index) => createDevCa({ commonName: 'Loop CA', validDays: 3650 + index, validFrom: VALID_FROM, keyPair: sharedKey, issuer: loopCa }).certDer);

  function verifyWithChain(chainDer: Buffer[], signer = createDevSigningKey({ ca: loopCa, subject: { CN: 'Signer' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair: testKeyPair() })) {
    const cms = new CmsSigner({ signerCertDer: signer.certDer, chainDer, privateKey: signer.privateKey }).sign(DOCUMENT, ISSUE_TIME);
    return verifyDetachedCms({ content: DOCUMENT, cmsDer: cms, trustAnchorsDer: [registeredRoot.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME });
  }

  it(`gives up after ${MAX_PATH_SEARCH_STEPS} steps among ${MAX_CMS_CERTIFICATES - 1} mutually issuing CAs, with UNTRUSTED_CHAIN`, () => {
    const result = verifyWithChain(loopCertificates(MAX_CMS_CERTIFICATES - 1));

    expect(result.reasons).toEqual([CmsReasonCode.UNTRUSTED_CHAIN]);
    expect(result.checks.find((check) => check.code === CmsCheckCode.TRUST_CHAIN)?.message).toBe(`no certification path found within ${MAX_PATH_SEARCH_STEPS} steps`);
  });

  it(`refuses a CMS carrying more than ${MAX_CMS_CERTIFICATES} certificates as MALFORMED_CMS`, () => {
    const result = verifyWithChain(loopCertificates(MAX_CMS_CERTIFICATES));

    expect(result.reasons).toEqual([CmsReasonCode.MALFORMED_CMS]);
    expect(result.checks[0].message).toBe(`${MAX_CMS_CERTIFICATES + 1} certificates in the CMS, more than ${MAX_CMS_CERTIFICATES}`);
  });

  it('still finds a real chain behind decoys named like its issuing CA', () => {
    const issuing = createDevCa({ commonName: 'Issuing CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair(), issuer: registeredRoot });
    const decoys = Array.from({ length: 10 }, () => createDevCa({ commonName: 'Issuing CA', validDays: 3650, validFrom: VALID_FROM, keyPair: sharedKey, issuer: registeredRoot }).certDer);
    const signer = createDevSigningKey({ ca: issuing, subject: { CN: 'Signer' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair: testKeyPair() });

    const result = verifyWithChain([...decoys, issuing.certDer], signer);

    expect(result.valid).toBe(true);
    expect(result.trustAnchorFingerprintSha256).toBe(registeredRoot.certificate.fingerprintSha256);
  });
});
