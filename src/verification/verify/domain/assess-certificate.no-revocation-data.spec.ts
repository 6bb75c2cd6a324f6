import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: no CRL and a signing key the hub does not hold (a partner authority)', () => {
  const kit = new VerificationKit();

  it('leaves revocation NOT_APPLICABLE with NO_REVOCATION_DATA, and the verdict VALID', () => {
    const assessment = assessCertificate(buildFacts(kit, { signature: kit.signature({ hubKeyNotRevoked: false }) }));

    expect(checkOf(assessment.checks, 'REVOCATION')).toMatchObject({ outcome: CheckOutcome.NOT_APPLICABLE, reason: VerificationReason.NO_REVOCATION_DATA });
    expect(assessment.verdict).toBe(Verdict.VALID);
  });
});
