import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, issuedRecord, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the importing customs are verifying the certificate with its issuer', () => {
  const kit = new VerificationKit();

  it('is UNKNOWN for IMPORT_DISPUTED until the case is closed', () => {
    const assessment = assessCertificate(buildFacts(kit, { record: issuedRecord({ importStatus: 'DISPUTED' }) }));

    expect(assessment.verdict).toBe(Verdict.UNKNOWN);
    expect(checkOf(assessment.checks, 'IMPORT_STATUS')).toMatchObject({ outcome: CheckOutcome.UNKNOWN, reason: VerificationReason.IMPORT_DISPUTED });
  });
});
