import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: a signature that is not a readable CMS (truncated, garbled)', () => {
  const kit = new VerificationKit();

  it('is INVALID for MALFORMED_CMS; the checks that need the signature say they could not be made', () => {
    const truncated = kit.cms.subarray(0, kit.cms.length - 40);
    const assessment = assessCertificate(buildFacts(kit, { signature: kit.signature({ cms: truncated }) }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(checkOf(assessment.checks, 'SIGNATURE')).toMatchObject({ outcome: CheckOutcome.FAIL, reason: VerificationReason.MALFORMED_CMS });
    for (const name of ['INTEGRITY', 'CHAIN', 'SIGNER_VALIDITY', 'REVOCATION']) {
      expect(checkOf(assessment.checks, name)).toMatchObject({ outcome: CheckOutcome.UNKNOWN, reason: VerificationReason.NOT_VERIFIABLE });
    }
    expect(assessment.reasons).toEqual([VerificationReason.MALFORMED_CMS, VerificationReason.NOT_VERIFIABLE]);
  });
});
