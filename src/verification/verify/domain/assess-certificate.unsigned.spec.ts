import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: the hub holds the certificate but no signature for it', () => {
  const kit = new VerificationKit();

  it('is UNKNOWN for NO_SIGNATURE: the content cannot be shown genuine', () => {
    const assessment = assessCertificate(buildFacts(kit, { signature: { kind: 'UNSIGNED' } }));

    expect(assessment.verdict).toBe(Verdict.UNKNOWN);
    expect(checkOf(assessment.checks, 'SIGNATURE')).toMatchObject({ outcome: CheckOutcome.UNKNOWN, reason: VerificationReason.NO_SIGNATURE });
    expect(assessment.reasons).toEqual([VerificationReason.NOT_VERIFIABLE, VerificationReason.NO_SIGNATURE]);
  });
});
