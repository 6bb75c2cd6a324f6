import { assessCertificate } from './assess-certificate';
import { CHECK_ORDER, CheckOutcome, Verdict } from './verification-codes';
import { buildFacts, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: a genuine, current certificate held by the hub', () => {
  const kit = new VerificationKit();

  it('is VALID with every check passed, in the fixed order, each with its reason code', () => {
    const assessment = assessCertificate(buildFacts(kit));

    expect(assessment.verdict).toBe(Verdict.VALID);
    expect(assessment.reasons).toEqual([]);
    expect(assessment.checks.map((c) => c.check)).toEqual(CHECK_ORDER);
    expect(assessment.checks.map((c) => [c.check, c.outcome, c.reason])).toEqual([
      ['INTEGRITY', CheckOutcome.PASS, 'DOCUMENT_INTACT'],
      ['SIGNATURE', CheckOutcome.PASS, 'SIGNATURE_VALID'],
      ['CHAIN', CheckOutcome.PASS, 'CHAIN_TRUSTED'],
      ['SIGNER_VALIDITY', CheckOutcome.PASS, 'SIGNER_VALID_AT_ISSUE'],
      ['REVOCATION', CheckOutcome.PASS, 'NOT_REVOKED'],
      ['STATUS', CheckOutcome.PASS, 'ISSUED'],
      ['IMPORT_STATUS', CheckOutcome.PASS, 'IMPORT_NONE'],
      ['QUANTITY', CheckOutcome.PASS, 'QUANTITY_REMAINING'],
      ['DATASET', CheckOutcome.PASS, 'RULES_PASSED'],
    ]);
  });
});
