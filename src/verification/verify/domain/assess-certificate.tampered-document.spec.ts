import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, DOCUMENT, VerificationKit } from '../testing/verification-kit';
import { createHash } from 'node:crypto';

describe('assessCertificate: a document changed after signing', () => {
  const kit = new VerificationKit();

  it('is INVALID for TAMPERED_DOCUMENT, while the signature over the signed attributes still holds', () => {
    const changed = Buffer.from(DOCUMENT.toString().replace('100630', '100640'));
    const assessment = assessCertificate(
      buildFacts(kit, { signature: kit.signature({ content: changed }), contentHash: createHash('sha256').update(changed).digest('hex') }),
    );

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(assessment.reasons).toEqual([VerificationReason.TAMPERED_DOCUMENT]);
    expect(checkOf(assessment.checks, 'INTEGRITY')).toMatchObject({ outcome: CheckOutcome.FAIL, reason: VerificationReason.TAMPERED_DOCUMENT });
    expect(checkOf(assessment.checks, 'SIGNATURE').outcome).toBe(CheckOutcome.PASS);
  });
});
