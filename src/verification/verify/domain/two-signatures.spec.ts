import { CmsCheckCode, CmsReasonCode, RevocationStatus, type CmsVerification } from '../../../pki/crypto/cms-verification';
import { exporterSignatureReport, NOT_COVERED_BY_AUTHORITY, signatureReport } from './two-signatures';

const signer = { subject: 'CN=Angkor Rice Export Co., Ltd.', issuer: 'CN=KH Exporters CA', serialNumber: '0a', fingerprintSha256: 'ab'.repeat(32), notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') };
const good: CmsVerification = {
  valid: true,
  checks: [
    { code: CmsCheckCode.SIGNATURE, passed: true, message: 'ok' },
    { code: CmsCheckCode.TRUST_CHAIN, passed: true, message: 'ok' },
  ],
  reasons: [],
  signer,
  trustAnchorFingerprintSha256: 'cd'.repeat(32),
  revocation: { status: RevocationStatus.NOT_CHECKED },
};
const untrusted: CmsVerification = {
  ...good,
  valid: false,
  checks: [{ code: CmsCheckCode.TRUST_CHAIN, passed: false, message: 'no anchor', reason: CmsReasonCode.UNTRUSTED_CHAIN }],
  reasons: [CmsReasonCode.UNTRUSTED_CHAIN],
  trustAnchorFingerprintSha256: undefined,
};

describe('the two signatures of a certificate, each with its own checks', () => {
  it('reports a valid signature with its signer and its chain', () => {
    expect(signatureReport(good)).toEqual({
      present: true,
      valid: true,
      signer: { subject: signer.subject, serialNumber: '0a', fingerprintSha256: signer.fingerprintSha256 },
      chain: { trusted: true, trustAnchorFingerprintSha256: 'cd'.repeat(32) },
      reasons: [],
    });
  });

  it('reports an untrusted chain', () => {
    expect(signatureReport(untrusted)).toMatchObject({ present: true, valid: false, chain: { trusted: false, trustAnchorFingerprintSha256: null }, reasons: ['UNTRUSTED_CHAIN'] });
  });

  it('reports an absent signature as absent, not as invalid with reasons', () => {
    expect(exporterSignatureReport(undefined, false)).toEqual({ present: false, valid: false, signer: null, chain: { trusted: false, trustAnchorFingerprintSha256: null }, reasons: [], coveredByAuthority: false });
  });

  it("holds an exporter signature the authority's does not cover to be invalid, whatever it verifies to", () => {
    expect(exporterSignatureReport(good, true)).toMatchObject({ valid: true, coveredByAuthority: true, reasons: [] });
    expect(exporterSignatureReport(good, false)).toMatchObject({ valid: false, coveredByAuthority: false, reasons: [NOT_COVERED_BY_AUTHORITY] });
  });
});
