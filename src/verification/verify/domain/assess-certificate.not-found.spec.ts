import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: no certificate under the reference given', () => {
  const kit = new VerificationKit();

  it('is UNKNOWN, every check saying CERTIFICATE_NOT_FOUND', () => {
    const assessment = assessCertificate(
      buildFacts(kit, { contentHash: null, signature: { kind: 'NOT_FOUND' }, record: { kind: 'NOT_FOUND' }, quantity: { kind: 'NOT_FOUND' }, dataset: { kind: 'NOT_FOUND' } }),
    );

    expect(assessment.verdict).toBe(Verdict.UNKNOWN);
    expect(assessment.reasons).toEqual([VerificationReason.CERTIFICATE_NOT_FOUND]);
    expect(assessment.checks.every((c) => c.outcome === CheckOutcome.UNKNOWN && c.reason === VerificationReason.CERTIFICATE_NOT_FOUND)).toBe(true);
  });
});
