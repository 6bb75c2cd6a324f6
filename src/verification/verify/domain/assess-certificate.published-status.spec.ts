import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { IssuerStatus } from './verification-facts';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe("assessCertificate: offline, a credential's status as its issuer's status lists publish it", () => {
  const kit = new VerificationKit();
  const published = (status: IssuerStatus | null, problem?: string) =>
    assessCertificate(
      buildFacts(kit, {
        signature: kit.signature({ hubKeyNotRevoked: false }),
        record: { kind: 'PUBLISHED', status, expiresAt: null, replacedByNumber: null, ...(problem ? { problem } : {}) },
        quantity: { kind: 'OFFLINE' },
      }),
    );

  it('ISSUED is VALID; the importing side is not published, so IMPORT_STATUS is NOT_APPLICABLE', () => {
    const assessment = published(IssuerStatus.ISSUED);
    expect(assessment.verdict).toBe(Verdict.VALID);
    expect(checkOf(assessment.checks, 'STATUS')).toMatchObject({ outcome: CheckOutcome.PASS, reason: VerificationReason.ISSUED });
    expect(checkOf(assessment.checks, 'IMPORT_STATUS')).toMatchObject({ outcome: CheckOutcome.NOT_APPLICABLE, reason: VerificationReason.OFFLINE });
  });

  it('CANCELLED and REPLACED are INVALID with their reason', () => {
    expect(published(IssuerStatus.CANCELLED)).toMatchObject({ verdict: Verdict.INVALID, reasons: [VerificationReason.CANCELLED] });
    expect(published(IssuerStatus.REPLACED)).toMatchObject({ verdict: Verdict.INVALID, reasons: [VerificationReason.REPLACED] });
  });

  it('a list that cannot be relied on (bad signature, not the entry’s list) leaves the status UNKNOWN', () => {
    const assessment = published(IssuerStatus.ISSUED, 'list.jwt: its signature does not hold against the status signer (BAD_SIGNATURE)');
    expect(assessment.verdict).toBe(Verdict.UNKNOWN);
    expect(checkOf(assessment.checks, 'STATUS')).toMatchObject({ outcome: CheckOutcome.UNKNOWN, reason: VerificationReason.NOT_VERIFIABLE });
    expect(published(null).verdict).toBe(Verdict.UNKNOWN);
  });
});
