import { CmsCheck, CmsCheckCode, CmsReasonCode, RevocationStatus } from '../../../pki/crypto/cms-verification';
import { CheckOutcome, CheckResult, VerificationCheck, VerificationReason } from './verification-codes';
import { IssuerTrust, RecordFacts, SignatureFacts } from './verification-facts';

type Verified = Extract<SignatureFacts, { kind: 'VERIFIED' }>;

const result = (check: VerificationCheck, outcome: CheckOutcome, reason: VerificationReason, message: string, details?: Record<string, unknown>): CheckResult =>
  details ? { check, outcome, reason, message, details } : { check, outcome, reason, message };

const find = (checks: CmsCheck[], code: CmsCheckCode): CmsCheck | undefined => checks.find((c) => c.code === code);

function unreadable(facts: SignatureFacts): boolean {
  return facts.kind === 'VERIFIED' && find(facts.cms.checks, CmsCheckCode.STRUCTURE)?.passed === false;
}

/** When there is no readable signature, every signature check says why in the same words. */
function noSignature(check: VerificationCheck, facts: SignatureFacts): CheckResult | undefined {
  if (facts.kind === 'NOT_FOUND') return result(check, CheckOutcome.UNKNOWN, VerificationReason.CERTIFICATE_NOT_FOUND, 'the hub holds no such certificate');
  if (facts.kind === 'UNSIGNED') return result(check, CheckOutcome.UNKNOWN, VerificationReason.NOT_VERIFIABLE, 'the certificate carries no signature');
  if (unreadable(facts)) return result(check, CheckOutcome.UNKNOWN, VerificationReason.NOT_VERIFIABLE, 'the signature cannot be read, so this cannot be checked');
  return undefined;
}

/**
 * INTEGRITY: the document is the one that was signed (the CMS messageDigest) and, when the hub holds
 * the certificate, the one it issued (the recorded SHA-256).
 */
export function integrityCheck(facts: SignatureFacts, record: RecordFacts, contentHash: string | null): CheckResult {
  const check = VerificationCheck.INTEGRITY;
  if (facts.kind === 'VERIFIED') {
    const digest = find(facts.cms.checks, CmsCheckCode.CONTENT_DIGEST);
    if (digest?.passed === false) return result(check, CheckOutcome.FAIL, VerificationReason.TAMPERED_DOCUMENT, 'the document differs from the one that was signed');
  }
  if (record.kind === 'FOUND' && record.documentHash && contentHash && record.documentHash !== contentHash) {
    return result(check, CheckOutcome.FAIL, VerificationReason.DOCUMENT_NOT_AS_ISSUED, 'the document is not the one the hub holds under this number', {
      documentHash: contentHash,
      issuedDocumentHash: record.documentHash,
    });
  }
  const missing = noSignature(check, facts);
  if (missing) return missing;
  return result(check, CheckOutcome.PASS, VerificationReason.DOCUMENT_INTACT, 'the document is exactly the one that was signed', contentHash ? { documentHash: contentHash } : undefined);
}

export function signatureCheck(facts: SignatureFacts): CheckResult {
  const check = VerificationCheck.SIGNATURE;
  if (facts.kind === 'UNSIGNED') return result(check, CheckOutcome.UNKNOWN, VerificationReason.NO_SIGNATURE, 'the certificate carries no signature');
  if (unreadable(facts)) {
    const structure = find((facts as Verified).cms.checks, CmsCheckCode.STRUCTURE) as CmsCheck;
    return result(check, CheckOutcome.FAIL, VerificationReason.MALFORMED_CMS, `not a readable CMS signature: ${structure.message}`);
  }
  const missing = noSignature(check, facts);
  if (missing) return missing;
  const { cms } = facts as Verified;
  const signature = find(cms.checks, CmsCheckCode.SIGNATURE);
  if (signature?.passed === false) return result(check, CheckOutcome.FAIL, VerificationReason.BAD_SIGNATURE, signature.message);
  const keyUsage = find(cms.checks, CmsCheckCode.KEY_USAGE);
  if (keyUsage?.passed === false) return result(check, CheckOutcome.FAIL, VerificationReason.KEY_USAGE, keyUsage.message);
  return result(check, CheckOutcome.PASS, VerificationReason.SIGNATURE_VALID, 'the signature verifies under the signer certificate, which may sign documents', signerDetails(facts as Verified));
}

function signerDetails(facts: Verified): Record<string, unknown> | undefined {
  const signer = facts.cms.signer;
  if (!signer) return undefined;
  return { signer: { subject: signer.subject, issuer: signer.issuer, serialNumber: signer.serialNumber, fingerprintSha256: signer.fingerprintSha256 } };
}

export function chainCheck(facts: SignatureFacts): CheckResult {
  const check = VerificationCheck.CHAIN;
  const missing = noSignature(check, facts);
  if (missing) return missing;
  const { cms, issuer } = facts as Verified;
  const trust = find(cms.checks, CmsCheckCode.TRUST_CHAIN);
  const expected = find(cms.checks, CmsCheckCode.EXPECTED_SIGNER);
  const wrongSigner = [trust, expected].find((c) => c?.reason === CmsReasonCode.SIGNER_NOT_EXPECTED);
  if (wrongSigner) return result(check, CheckOutcome.FAIL, VerificationReason.SIGNER_NOT_EXPECTED, wrongSigner.message);
  if (trust?.passed) return result(check, CheckOutcome.PASS, VerificationReason.CHAIN_TRUSTED, trust.message, cms.trustAnchorFingerprintSha256 ? { trustAnchorFingerprintSha256: cms.trustAnchorFingerprintSha256 } : undefined);
  // No path to a registered anchor: untrusted when the issuer has anchors, undecidable when it has none.
  switch (issuer) {
    case IssuerTrust.NO_ANCHOR:
      return result(check, CheckOutcome.UNKNOWN, VerificationReason.NO_TRUST_ANCHOR, 'no trust anchor is registered for the issuing authority, so its signature cannot be trusted or refused');
    case IssuerTrust.UNKNOWN_ISSUER:
      return result(check, CheckOutcome.UNKNOWN, VerificationReason.ISSUER_UNKNOWN, 'the issuing authority the document names is not known here');
    case IssuerTrust.ANCHORED:
      return result(check, CheckOutcome.FAIL, VerificationReason.UNTRUSTED_CHAIN, trust?.message ?? 'the signer does not chain to a trust anchor of the issuing authority');
  }
}

export function signerValidityCheck(facts: SignatureFacts): CheckResult {
  const check = VerificationCheck.SIGNER_VALIDITY;
  const missing = noSignature(check, facts);
  if (missing) return missing;
  const verified = facts as Verified;
  if (!verified.issueTimeKnown) return result(check, CheckOutcome.UNKNOWN, VerificationReason.ISSUE_TIME_UNKNOWN, 'the document gives no issue time to judge the signer certificate at');
  const validity = find(verified.cms.checks, CmsCheckCode.VALIDITY_AT_ISSUE);
  if (!validity) return result(check, CheckOutcome.UNKNOWN, VerificationReason.NOT_VERIFIABLE, 'the signer certificate could not be judged');
  if (validity.passed) return result(check, CheckOutcome.PASS, VerificationReason.SIGNER_VALID_AT_ISSUE, validity.message);
  const reason = validity.reason === CmsReasonCode.SIGNER_NOT_YET_VALID_AT_ISSUE ? VerificationReason.SIGNER_NOT_YET_VALID_AT_ISSUE : VerificationReason.SIGNER_EXPIRED_AT_ISSUE;
  return result(check, CheckOutcome.FAIL, reason, validity.message);
}

/**
 * REVOCATION: a revocation at or before the issue time voids the signature; a later one does not. A
 * CRL that cannot be relied on leaves it undecided; with no CRL and a key the hub does not hold there
 * is nothing to check against.
 */
export function revocationCheck(facts: SignatureFacts): CheckResult {
  const check = VerificationCheck.REVOCATION;
  const missing = noSignature(check, facts);
  if (missing) return missing;
  const { cms, hubKeyNotRevoked } = facts as Verified;
  const revoked = cms.checks.find((c) => c.code === CmsCheckCode.REVOCATION && !c.passed);
  if (revoked) return result(check, CheckOutcome.FAIL, VerificationReason.SIGNER_REVOKED_BEFORE_ISSUE, revoked.message, revocationDetails(facts as Verified));
  const crl = find(cms.checks, CmsCheckCode.CRL);
  if (crl?.passed === false) return result(check, CheckOutcome.UNKNOWN, VerificationReason.CRL_INVALID, crl.message);
  switch (cms.revocation.status) {
    case RevocationStatus.REVOKED_AFTER_ISSUE:
      return result(check, CheckOutcome.PASS, VerificationReason.REVOKED_AFTER_ISSUE, 'the signing certificate was revoked after the issue time; the signature stays valid', revocationDetails(facts as Verified));
    case RevocationStatus.GOOD:
      return result(check, CheckOutcome.PASS, VerificationReason.NOT_REVOKED, 'the signing certificate is not revoked per the current CRL of its CA');
    case RevocationStatus.UNKNOWN:
      return result(check, CheckOutcome.UNKNOWN, VerificationReason.CRL_INVALID, 'the CRL of the signer CA cannot be relied on');
    case RevocationStatus.REVOKED_BEFORE_ISSUE:
      return result(check, CheckOutcome.FAIL, VerificationReason.SIGNER_REVOKED_BEFORE_ISSUE, 'the signing certificate was revoked before the issue time', revocationDetails(facts as Verified));
    case RevocationStatus.NOT_CHECKED:
      if (hubKeyNotRevoked) return result(check, CheckOutcome.PASS, VerificationReason.NOT_REVOKED, 'the hub holds this signing key and has not revoked it');
      return result(check, CheckOutcome.NOT_APPLICABLE, VerificationReason.NO_REVOCATION_DATA, 'no CRL of the signer CA is available and the key is not one the hub holds');
  }
}

function revocationDetails(facts: Verified): Record<string, unknown> | undefined {
  const date = facts.cms.revocation.revocationDate;
  return date ? { revocationDate: date.toISOString() } : undefined;
}
