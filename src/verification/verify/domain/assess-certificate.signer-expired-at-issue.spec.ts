import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the signer certificate had expired at the hub-recorded issue time', () => {
  const kit = new VerificationKit({ signerValidTo: new Date('2026-02-01T00:00:00Z') });

  it('is INVALID for SIGNER_EXPIRED_AT_ISSUE', () => {
    const assessment = assessCertificate(buildFacts(kit));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(checkOf(assessment.checks, 'SIGNER_VALIDITY')).toMatchObject({ outcome: CheckOutcome.FAIL, reason: VerificationReason.SIGNER_EXPIRED_AT_ISSUE });
    expect(assessment.reasons).toEqual([VerificationReason.SIGNER_EXPIRED_AT_ISSUE]);
  });
});
