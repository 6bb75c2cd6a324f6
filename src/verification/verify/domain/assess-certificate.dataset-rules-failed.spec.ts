import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, ISSUE_TIME, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the document breaks a rule of its recorded profile as of its issue time', () => {
  const kit = new VerificationKit();

  it('is INVALID for RULES_FAILED, naming the rule ids', () => {
    const violations = [
      { ruleId: 'CO-ORIG-001', severity: 'error' as const, path: 'items[0].originCriterion', message: 'RVC99 is not an origin criterion of RCEP' },
      { ruleId: 'CO-UCR-001', severity: 'warning' as const, path: 'ucr', message: 'unusual UCR' },
    ];
    const assessment = assessCertificate(buildFacts(kit, { dataset: { kind: 'CHECKED', violations, against: { dataset: '1', profile: 'RCEP@2022-01-01', hs: 'HS2022' }, at: ISSUE_TIME } }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(checkOf(assessment.checks, 'DATASET')).toMatchObject({ outcome: CheckOutcome.FAIL, reason: VerificationReason.RULES_FAILED, message: '1 rule broken: CO-ORIG-001', details: { violations } });
  });
});
