import { CmsCheckCode, CmsReasonCode, CmsVerification, RevocationStatus } from '../crypto/cms-verification';
import { withHubRevocation } from './hub-revocation';

const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');

function validResult(): CmsVerification {
  return {
    valid: true,
    checks: [{ code: CmsCheckCode.SIGNATURE, passed: true, message: 'ok' }],
    reasons: [],
    signer: {
      subject: 'CN=Signer',
      issuer: 'CN=CA',
      serialNumber: '01',
      fingerprintSha256: 'ab'.repeat(32),
      notBefore: new Date('2026-01-01Z'),
      notAfter: new Date('2027-01-01Z'),
    },
    revocation: { status: RevocationStatus.NOT_CHECKED },
  };
}

describe('withHubRevocation', () => {
  it('leaves a result alone when the hub recorded no revocation', () => {
    const result = validResult();
    expect(withHubRevocation(result, undefined, ISSUE_TIME)).toBe(result);
  });

  it('keeps a signature made before the revocation valid and says it was revoked after issue', () => {
    const revokedAt = new Date('2026-03-05T00:00:00Z');
    const result = withHubRevocation(validResult(), { revokedAt, reason: 'key compromise' }, ISSUE_TIME);
    expect(result.valid).toBe(true);
    expect(result.revocation).toEqual({ status: RevocationStatus.REVOKED_AFTER_ISSUE, revocationDate: revokedAt });
    expect(result.checks.at(-1)).toMatchObject({ code: CmsCheckCode.REVOCATION, passed: true, message: expect.stringContaining('key compromise') });
  });

  it('voids a signature dated at or after the revocation as SIGNER_REVOKED_BEFORE_ISSUE', () => {
    const result = withHubRevocation(validResult(), { revokedAt: ISSUE_TIME, reason: null }, ISSUE_TIME);
    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.SIGNER_REVOKED_BEFORE_ISSUE]);
    expect(result.revocation.status).toBe(RevocationStatus.REVOKED_BEFORE_ISSUE);
  });

  it('keeps the earlier date when a CRL also revoked the signer before issue', () => {
    const crlDate = new Date('2026-02-01T00:00:00Z');
    const fromCrl: CmsVerification = {
      ...validResult(),
      valid: false,
      reasons: [CmsReasonCode.SIGNER_REVOKED_BEFORE_ISSUE],
      revocation: { status: RevocationStatus.REVOKED_BEFORE_ISSUE, revocationDate: crlDate },
    };
    const result = withHubRevocation(fromCrl, { revokedAt: new Date('2026-02-10T00:00:00Z'), reason: null }, ISSUE_TIME);
    expect(result.reasons).toEqual([CmsReasonCode.SIGNER_REVOKED_BEFORE_ISSUE]);
    expect(result.revocation).toEqual({ status: RevocationStatus.REVOKED_BEFORE_ISSUE, revocationDate: crlDate });
  });
});
