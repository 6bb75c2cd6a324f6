import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, ISSUE_TIME, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the CRL dates the signer revocation before the issue time', () => {
  const kit = new VerificationKit();

  it('is INVALID for SIGNER_REVOKED_BEFORE_ISSUE, with the revocation date', () => {
    const revokedAt = new Date(ISSUE_TIME.getTime() - 60_000);
    const assessment = assessCertificate(buildFacts(kit, { signature: kit.signature({ crlRevokedAt: revokedAt }) }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(checkOf(assessment.checks, 'REVOCATION')).toMatchObject({
      outcome: CheckOutcome.FAIL,
      reason: VerificationReason.SIGNER_REVOKED_BEFORE_ISSUE,
      details: { revocationDate: revokedAt.toISOString() },
    });
  });
});
