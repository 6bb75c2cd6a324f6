import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, ISSUE_TIME, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the signer was revoked after the certificate was issued', () => {
  const kit = new VerificationKit();

  it('stays VALID and says REVOKED_AFTER_ISSUE', () => {
    const assessment = assessCertificate(buildFacts(kit, { signature: kit.signature({ crlRevokedAt: new Date(ISSUE_TIME.getTime() + 86_400_000) }) }));

    expect(assessment.verdict).toBe(Verdict.VALID);
    expect(checkOf(assessment.checks, 'REVOCATION')).toMatchObject({ outcome: CheckOutcome.PASS, reason: VerificationReason.REVOKED_AFTER_ISSUE });
  });
});
