import { assessCertificate } from './assess-certificate';
import { Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, issuedRecord, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: a validly signed document that is not the one the hub issued under its number', () => {
  const kit = new VerificationKit();

  it('is INVALID for DOCUMENT_NOT_AS_ISSUED, naming both hashes', () => {
    const assessment = assessCertificate(buildFacts(kit, { record: issuedRecord({ documentHash: 'f'.repeat(64) }) }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(assessment.reasons).toEqual([VerificationReason.DOCUMENT_NOT_AS_ISSUED]);
    expect(checkOf(assessment.checks, 'INTEGRITY').details).toMatchObject({ issuedDocumentHash: 'f'.repeat(64) });
  });
});
