import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the certificate records a profile version this verifier does not have', () => {
  const kit = new VerificationKit();

  it('is UNKNOWN for PROFILE_VERSION_UNKNOWN', () => {
    const assessment = assessCertificate(buildFacts(kit, { dataset: { kind: 'PROFILE_UNKNOWN', profileVersion: 'XYZ@2030-01-01' } }));

    expect(assessment.verdict).toBe(Verdict.UNKNOWN);
    expect(checkOf(assessment.checks, 'DATASET')).toMatchObject({ outcome: CheckOutcome.UNKNOWN, reason: VerificationReason.PROFILE_VERSION_UNKNOWN });
  });
});
