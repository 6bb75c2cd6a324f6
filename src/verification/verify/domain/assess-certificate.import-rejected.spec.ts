import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, issuedRecord, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the importing customs rejected the certificate', () => {
  const kit = new VerificationKit();

  it('is INVALID for IMPORT_REJECTED', () => {
    const assessment = assessCertificate(buildFacts(kit, { record: issuedRecord({ importStatus: 'REJECTED' }) }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(checkOf(assessment.checks, 'IMPORT_STATUS')).toMatchObject({ outcome: CheckOutcome.FAIL, reason: VerificationReason.IMPORT_REJECTED });
  });
});
