import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: customs uses have consumed every quantity issued', () => {
  const kit = new VerificationKit();

  it('is INVALID for QUANTITY_EXHAUSTED, with the balance of each item', () => {
    const balances = [
      { itemNumber: 1, unit: 'KGM', issued: '25000', used: '25000', remaining: '0' },
      { itemNumber: 2, unit: 'KGM', issued: '100.5', used: '101', remaining: '-0.5' },
      { itemNumber: 3, unit: null, issued: null, used: '0', remaining: null },
    ];
    const assessment = assessCertificate(buildFacts(kit, { quantity: { kind: 'BALANCES', balances } }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(checkOf(assessment.checks, 'QUANTITY')).toMatchObject({ outcome: CheckOutcome.FAIL, reason: VerificationReason.QUANTITY_EXHAUSTED, details: { items: balances } });
  });
});
