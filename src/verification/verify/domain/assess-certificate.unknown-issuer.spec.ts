import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { IssuerTrust } from './verification-facts';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: a document naming an issuing authority the hub does not know', () => {
  const kit = new VerificationKit();

  it('is UNKNOWN for ISSUER_UNKNOWN and CERTIFICATE_NOT_FOUND', () => {
    const signature = kit.signature({ anchors: [], known: [], issuer: IssuerTrust.UNKNOWN_ISSUER, hubKeyNotRevoked: false });
    const assessment = assessCertificate(buildFacts(kit, { signature, record: { kind: 'NOT_FOUND' }, quantity: { kind: 'NOT_FOUND' } }));

    expect(assessment.verdict).toBe(Verdict.UNKNOWN);
    expect(checkOf(assessment.checks, 'CHAIN')).toMatchObject({ outcome: CheckOutcome.UNKNOWN, reason: VerificationReason.ISSUER_UNKNOWN });
    expect(checkOf(assessment.checks, 'STATUS').reason).toBe(VerificationReason.CERTIFICATE_NOT_FOUND);
    expect(checkOf(assessment.checks, 'INTEGRITY').outcome).toBe(CheckOutcome.PASS);
  });
});
