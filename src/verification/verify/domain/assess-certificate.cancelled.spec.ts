import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { IssuerStatus } from './verification-facts';
import { buildFacts, checkOf, issuedRecord, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the issuer cancelled the certificate', () => {
  const kit = new VerificationKit();

  it('is INVALID for CANCELLED, though the signature is genuine', () => {
    const assessment = assessCertificate(buildFacts(kit, { record: issuedRecord({ status: IssuerStatus.CANCELLED }) }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(assessment.reasons).toEqual([VerificationReason.CANCELLED]);
    expect(checkOf(assessment.checks, 'STATUS').outcome).toBe(CheckOutcome.FAIL);
    expect(checkOf(assessment.checks, 'SIGNATURE').outcome).toBe(CheckOutcome.PASS);
  });
});
