import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { IssuerStatus } from './verification-facts';
import { buildFacts, checkOf, issuedRecord, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the certificate was replaced', () => {
  const kit = new VerificationKit();

  it('is INVALID for REPLACED and names the replacement number', () => {
    const assessment = assessCertificate(buildFacts(kit, { record: issuedRecord({ status: IssuerStatus.REPLACED, replacedByNumber: 'KH-RCEP-2026-000124' }) }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(checkOf(assessment.checks, 'STATUS')).toMatchObject({
      outcome: CheckOutcome.FAIL,
      reason: VerificationReason.REPLACED,
      message: 'the certificate was replaced by KH-RCEP-2026-000124',
      details: { replacedBy: 'KH-RCEP-2026-000124' },
    });
  });
});
