import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { IssuerTrust } from './verification-facts';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the issuing authority has no trust anchor registered', () => {
  const kit = new VerificationKit();

  it('is UNKNOWN for NO_TRUST_ANCHOR: the hub cannot decide either way', () => {
    const signature = kit.signature({ anchors: [], known: [], issuer: IssuerTrust.NO_ANCHOR, hubKeyNotRevoked: false });
    const assessment = assessCertificate(buildFacts(kit, { signature }));

    expect(assessment.verdict).toBe(Verdict.UNKNOWN);
    expect(checkOf(assessment.checks, 'CHAIN')).toMatchObject({ outcome: CheckOutcome.UNKNOWN, reason: VerificationReason.NO_TRUST_ANCHOR });
    expect(assessment.reasons).toEqual([VerificationReason.NO_TRUST_ANCHOR]);
  });
});
