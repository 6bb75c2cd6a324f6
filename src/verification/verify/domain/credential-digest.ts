import { CmsCheck, CmsCheckCode, CmsReasonCode, CmsVerification } from '../../../pki/crypto/cms-verification';

/**
 * A credential's JWS covers its payload, but its subject must also be the very record whose SHA-256 it
 * states (relatedResource digestSRI): the CONTENT_DIGEST check a CMS signature has, added after the
 * structure check. A subject that is not that record is TAMPERED_DOCUMENT.
 */
export function withStatedRecordHash(result: CmsVerification, subjectHash: string, statedHash: string): CmsVerification {
  const intact = subjectHash === statedHash;
  const digest: CmsCheck = intact
    ? { code: CmsCheckCode.CONTENT_DIGEST, passed: true, message: "the credential's subject is the record whose SHA-256 it states" }
    : { code: CmsCheckCode.CONTENT_DIGEST, passed: false, reason: CmsReasonCode.TAMPERED_DOCUMENT, message: "the credential's subject is not the record whose SHA-256 it states" };
  const checks = [...result.checks.slice(0, 1), digest, ...result.checks.slice(1)];
  const reasons = intact ? result.reasons : [...new Set([CmsReasonCode.TAMPERED_DOCUMENT, ...result.reasons])];
  return { ...result, checks, reasons, valid: result.valid && intact };
}
