import { createDevCa } from '../../../pki/crypto/dev-pki';
import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';
import { testKeyPair } from '../../../../test/support/key-pool';

describe("assessCertificate: signed with another registered authority's key", () => {
  const kit = new VerificationKit();

  it('is INVALID for SIGNER_NOT_EXPECTED (not merely an untrusted chain)', () => {
    const issuerCa = createDevCa({ commonName: 'KH CCC Root CA', validDays: 3650, validFrom: new Date('2026-01-01Z'), keyPair: testKeyPair() });
    // The document claims the issuer whose anchor is issuerCa; the kit's key belongs to another authority.
    const signature = kit.signature({ anchors: [issuerCa], known: [issuerCa, kit.ca] });
    const assessment = assessCertificate(buildFacts(kit, { signature }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(checkOf(assessment.checks, 'CHAIN')).toMatchObject({ outcome: CheckOutcome.FAIL, reason: VerificationReason.SIGNER_NOT_EXPECTED });
    expect(assessment.reasons).toEqual([VerificationReason.SIGNER_NOT_EXPECTED]);
  });
});
