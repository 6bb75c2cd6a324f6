import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the hub keeps no ledger of uses', () => {
  const kit = new VerificationKit();

  it('reports QUANTITY as NOT_APPLICABLE with LEDGER_UNAVAILABLE, without changing the verdict', () => {
    const assessment = assessCertificate(buildFacts(kit, { quantity: { kind: 'UNAVAILABLE' } }));

    expect(checkOf(assessment.checks, 'QUANTITY')).toMatchObject({ outcome: CheckOutcome.NOT_APPLICABLE, reason: VerificationReason.LEDGER_UNAVAILABLE });
    expect(assessment.verdict).toBe(Verdict.VALID);
  });
});
