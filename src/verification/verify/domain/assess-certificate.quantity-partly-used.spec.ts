import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: one item used up, another with quantity left', () => {
  const kit = new VerificationKit();

  it('stays VALID with QUANTITY_REMAINING and names the item used up', () => {
    const balances = [
      { itemNumber: 1, unit: 'KGM', issued: '25000', used: '25000.000', remaining: '0.000' },
      { itemNumber: 2, unit: 'KGM', issued: '400', used: '100', remaining: '300' },
    ];
    const assessment = assessCertificate(buildFacts(kit, { quantity: { kind: 'BALANCES', balances } }));

    expect(assessment.verdict).toBe(Verdict.VALID);
    expect(checkOf(assessment.checks, 'QUANTITY')).toMatchObject({ outcome: CheckOutcome.PASS, reason: VerificationReason.QUANTITY_REMAINING, message: 'quantity remains on 1 of 2 items; used up: item 1' });
  });
});
