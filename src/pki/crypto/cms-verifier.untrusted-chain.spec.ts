import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey, DevCa } from './dev-pki';
import { RsaKeyPair } from './keys';
import { derToPem, parseCertificate } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const VALID_TO = new Date('2027-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

describe('verifyDetachedCms: UNTRUSTED_CHAIN', () => {
  let registeredCa: DevCa;
  let otherRegisteredCa: DevCa;
  // Signer certificates share one key pair: what differs here is who certified them.
  let keyPair: RsaKeyPair;

  beforeAll(() => {
    registeredCa = createDevCa({ commonName: 'Registered CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    otherRegisteredCa = createDevCa({ commonName: 'Other Registered CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    keyPair = testKeyPair();
  });

  const chainCheck = (result: ReturnType<typeof verifyDetachedCms>) => result.checks.find((check) => check.code === CmsCheckCode.TRUST_CHAIN);

  it('reports a signer under a CA registered for no authority as UNTRUSTED_CHAIN', () => {
    const rogueCa = createDevCa({ commonName: 'Rogue CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    const key = createDevSigningKey({ ca: rogueCa, subject: { CN: 'Rogue Signer' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair });
    const cms = new CmsSigner({ signerCertDer: key.certDer, chainDer: [rogueCa.certDer], privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);

    const result = verifyDetachedCms({
      content: DOCUMENT,
      cmsDer: cms,
      trustAnchorsDer: [registeredCa.certDer],
      knownAnchorsDer: [registeredCa.certDer, otherRegisteredCa.certDer],
      issueTime: ISSUE_TIME,
      now: ISSUE_TIME,
    });

    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.UNTRUSTED_CHAIN]);
    expect(chainCheck(result)?.message).toContain('Rogue CA');
    expect(result.trustAnchorFingerprintSha256).toBeUndefined();
  });

  it('reports a CA that impersonates the registered one by name, with another key, as UNTRUSTED_CHAIN', () => {
    const impostor = createDevCa({ commonName: 'Registered CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    const key = createDevSigningKey({ ca: impostor, subject: { CN: 'Impostor Signer' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair });
    const cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);

    const result = verifyDetachedCms({ content: DOCUMENT, cmsDer: cms, trustAnchorsDer: [registeredCa.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME });

    expect(result.reasons).toEqual([CmsReasonCode.UNTRUSTED_CHAIN]);
    expect(chainCheck(result)?.message).toContain('does not verify under the key of "CN=Registered CA"');
  });

  it('reports an issuer that is not a CA (basicConstraints cA false) as UNTRUSTED_CHAIN', () => {
    // An end-entity signing certificate misused to issue another one.
    const endEntity = createDevSigningKey({ ca: registeredCa, subject: { CN: 'Not A CA' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair });
    const fakeCa: DevCa = {
      certDer: endEntity.certDer,
      certPem: derToPem(endEntity.certDer),
      certificate: parseCertificate(endEntity.certDer),
      privateKey: endEntity.privateKey,
      chainDer: [endEntity.certDer],
    };
    const key = createDevSigningKey({ ca: fakeCa, subject: { CN: 'Grandchild Signer' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair });
    const cms = new CmsSigner({ signerCertDer: key.certDer, chainDer: key.chainDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);

    const result = verifyDetachedCms({ content: DOCUMENT, cmsDer: cms, trustAnchorsDer: [registeredCa.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME });

    expect(result.reasons).toEqual([CmsReasonCode.UNTRUSTED_CHAIN]);
    expect(chainCheck(result)?.message).toContain('"CN=Not A CA" is not a CA');
  });

  it('reports a missing intermediate as UNTRUSTED_CHAIN', () => {
    const intermediate = createDevCa({ commonName: 'Issuing CA', validDays: 1825, validFrom: VALID_FROM, keyPair: testKeyPair(), issuer: registeredCa });
    const key = createDevSigningKey({ ca: intermediate, subject: { CN: 'Signer' }, validFrom: VALID_FROM, validTo: VALID_TO, keyPair });
    const cms = new CmsSigner({ signerCertDer: key.certDer, chainDer: [], privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);

    const result = verifyDetachedCms({ content: DOCUMENT, cmsDer: cms, trustAnchorsDer: [registeredCa.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME });

    expect(result.reasons).toEqual([CmsReasonCode.UNTRUSTED_CHAIN]);
    expect(chainCheck(result)?.message).toContain('no issuer "CN=Issuing CA"');
  });
});
