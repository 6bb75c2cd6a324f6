import { CmsCheck, CmsCheckCode, CmsReasonCode, CmsVerification, RevocationStatus } from '../crypto/cms-verification';

export interface HubRevocation {
  revokedAt: Date;
  reason: string | null;
}

/**
 * Adds what the hub itself recorded about the signer's key (an operator's revocation) to a CMS
 * verification: a revocation at or before the hub-recorded issue time voids the signature, a later
 * one leaves it valid and says so. A CRL's word is kept; the earlier of two "before" dates wins.
 */
export function withHubRevocation(result: CmsVerification, revocation: HubRevocation | undefined, issueTime: Date): CmsVerification {
  if (!revocation || !result.signer) return result;
  const on = revocation.revokedAt.toISOString();
  const because = revocation.reason ? ` (${revocation.reason})` : '';
  const before = revocation.revokedAt.getTime() <= issueTime.getTime();
  const check: CmsCheck = before
    ? {
        code: CmsCheckCode.REVOCATION,
        passed: false,
        reason: CmsReasonCode.SIGNER_REVOKED_BEFORE_ISSUE,
        message: `the hub recorded the signing key as revoked on ${on}${because}, before the issue time ${issueTime.toISOString()}`,
      }
    : {
        code: CmsCheckCode.REVOCATION,
        passed: true,
        message: `the hub recorded the signing key as revoked after issue (on ${on}${because}); the signature stays valid`,
      };
  const checks = [...result.checks, check];
  const reasons = [...new Set(checks.flatMap((c) => (c.reason ? [c.reason] : [])))];
  return { ...result, checks, reasons, valid: reasons.length === 0, revocation: mergeStatus(result.revocation, revocation.revokedAt, before) };
}

function mergeStatus(current: CmsVerification['revocation'], revokedAt: Date, before: boolean): CmsVerification['revocation'] {
  if (current.status === RevocationStatus.REVOKED_BEFORE_ISSUE && (!before || (current.revocationDate ?? revokedAt) <= revokedAt)) return current;
  if (before) return { status: RevocationStatus.REVOKED_BEFORE_ISSUE, revocationDate: revokedAt };
  if (current.status === RevocationStatus.REVOKED_AFTER_ISSUE && (current.revocationDate ?? revokedAt) <= revokedAt) return current;
  return { status: RevocationStatus.REVOKED_AFTER_ISSUE, revocationDate: revokedAt };
}
