import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';

describe('assessCertificate: offline, from the document, its signature and the trust anchors only', () => {
  const kit = new VerificationKit();

  it('is VALID on the signature and the rules, the hub-state checks NOT_APPLICABLE with OFFLINE', () => {
    const assessment = assessCertificate(buildFacts(kit, { signature: kit.signature({ hubKeyNotRevoked: false }), record: { kind: 'OFFLINE' }, quantity: { kind: 'OFFLINE' } }));

    expect(assessment.verdict).toBe(Verdict.VALID);
    for (const name of ['STATUS', 'IMPORT_STATUS', 'QUANTITY']) {
      expect(checkOf(assessment.checks, name)).toMatchObject({ outcome: CheckOutcome.NOT_APPLICABLE, reason: VerificationReason.OFFLINE });
    }
  });
});
