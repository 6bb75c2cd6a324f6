import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { IssuerStatus } from './verification-facts';
import { buildFacts, checkOf, issuedRecord, NOW, VerificationKit } from '../testing/verification-kit';

describe("assessCertificate: the agreement's validity has passed", () => {
  const kit = new VerificationKit();

  it('is INVALID for EXPIRED as soon as the validity passes, before the expiry job marks it', () => {
    const expiresAt = new Date(NOW.getTime() - 1000);
    for (const status of [IssuerStatus.ISSUED, IssuerStatus.EXPIRED]) {
      const assessment = assessCertificate(buildFacts(kit, { record: issuedRecord({ status, expiresAt }) }));
      expect(assessment.verdict).toBe(Verdict.INVALID);
      expect(checkOf(assessment.checks, 'STATUS')).toMatchObject({ outcome: CheckOutcome.FAIL, reason: VerificationReason.EXPIRED, details: { expiresAt: expiresAt.toISOString() } });
    }
  });
});
