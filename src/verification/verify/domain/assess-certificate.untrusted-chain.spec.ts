import { createDevCa } from '../../../pki/crypto/dev-pki';
import { assessCertificate } from './assess-certificate';
import { CheckOutcome, Verdict, VerificationReason } from './verification-codes';
import { buildFacts, checkOf, VerificationKit } from '../testing/verification-kit';
import { testKeyPair } from '../../../../test/support/key-pool';

describe('assessCertificate: signed under a CA nobody registered, for an issuer with anchors', () => {
  const kit = new VerificationKit();

  it('is INVALID for UNTRUSTED_CHAIN', () => {
    const issuerCa = createDevCa({ commonName: 'KH MOC Real Root', validDays: 3650, validFrom: new Date('2026-01-01Z'), keyPair: testKeyPair() });
    const assessment = assessCertificate(buildFacts(kit, { signature: kit.signature({ anchors: [issuerCa], known: [issuerCa] }) }));

    expect(assessment.verdict).toBe(Verdict.INVALID);
    expect(checkOf(assessment.checks, 'CHAIN')).toMatchObject({ outcome: CheckOutcome.FAIL, reason: VerificationReason.UNTRUSTED_CHAIN });
  });
});
