/** The answer to "is this certificate genuine, current and good for these goods?" */
export enum Verdict {
  // Every check passed (or does not apply).
  VALID = 'VALID',
  // At least one check failed.
  INVALID = 'INVALID',
  // Nothing failed, but the hub could not decide at least one check (not found, no trust anchor...).
  UNKNOWN = 'UNKNOWN',
}

/** What is checked, in the order the answer lists it. */
export enum VerificationCheck {
  INTEGRITY = 'INTEGRITY',
  SIGNATURE = 'SIGNATURE',
  CHAIN = 'CHAIN',
  SIGNER_VALIDITY = 'SIGNER_VALIDITY',
  REVOCATION = 'REVOCATION',
  STATUS = 'STATUS',
  IMPORT_STATUS = 'IMPORT_STATUS',
  QUANTITY = 'QUANTITY',
  DATASET = 'DATASET',
}

export const CHECK_ORDER: readonly VerificationCheck[] = Object.values(VerificationCheck);

export enum CheckOutcome {
  PASS = 'PASS',
  FAIL = 'FAIL',
  UNKNOWN = 'UNKNOWN',
  // The check has nothing to judge here (offline, no revocation data published, no ledger).
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

/**
 * Why a check came out as it did: stable codes, the same from the API, the public page and the
 * command-line verifier. Codes shared with the CMS verifier keep its names.
 */
export enum VerificationReason {
  // INTEGRITY
  DOCUMENT_INTACT = 'DOCUMENT_INTACT',
  TAMPERED_DOCUMENT = 'TAMPERED_DOCUMENT',
  DOCUMENT_NOT_AS_ISSUED = 'DOCUMENT_NOT_AS_ISSUED',
  // SIGNATURE
  SIGNATURE_VALID = 'SIGNATURE_VALID',
  BAD_SIGNATURE = 'BAD_SIGNATURE',
  MALFORMED_CMS = 'MALFORMED_CMS',
  KEY_USAGE = 'KEY_USAGE',
  NO_SIGNATURE = 'NO_SIGNATURE',
  // CHAIN
  CHAIN_TRUSTED = 'CHAIN_TRUSTED',
  UNTRUSTED_CHAIN = 'UNTRUSTED_CHAIN',
  SIGNER_NOT_EXPECTED = 'SIGNER_NOT_EXPECTED',
  NO_TRUST_ANCHOR = 'NO_TRUST_ANCHOR',
  ISSUER_UNKNOWN = 'ISSUER_UNKNOWN',
  // SIGNER_VALIDITY
  SIGNER_VALID_AT_ISSUE = 'SIGNER_VALID_AT_ISSUE',
  SIGNER_EXPIRED_AT_ISSUE = 'SIGNER_EXPIRED_AT_ISSUE',
  SIGNER_NOT_YET_VALID_AT_ISSUE = 'SIGNER_NOT_YET_VALID_AT_ISSUE',
  ISSUE_TIME_UNKNOWN = 'ISSUE_TIME_UNKNOWN',
  // REVOCATION
  NOT_REVOKED = 'NOT_REVOKED',
  REVOKED_AFTER_ISSUE = 'REVOKED_AFTER_ISSUE',
  SIGNER_REVOKED_BEFORE_ISSUE = 'SIGNER_REVOKED_BEFORE_ISSUE',
  CRL_INVALID = 'CRL_INVALID',
  NO_REVOCATION_DATA = 'NO_REVOCATION_DATA',
  // Any signature check when the CMS cannot be read or there is none.
  NOT_VERIFIABLE = 'NOT_VERIFIABLE',
  // STATUS (the issuer's state)
  ISSUED = 'ISSUED',
  CANCELLED = 'CANCELLED',
  REPLACED = 'REPLACED',
  EXPIRED = 'EXPIRED',
  // IMPORT_STATUS (the importing customs' state)
  IMPORT_NONE = 'IMPORT_NONE',
  IMPORT_RECEIVED = 'IMPORT_RECEIVED',
  IMPORT_ACCEPTED = 'IMPORT_ACCEPTED',
  IMPORT_VERIFIED = 'IMPORT_VERIFIED',
  IMPORT_DISPUTED = 'IMPORT_DISPUTED',
  IMPORT_REJECTED = 'IMPORT_REJECTED',
  // QUANTITY
  QUANTITY_REMAINING = 'QUANTITY_REMAINING',
  QUANTITY_EXHAUSTED = 'QUANTITY_EXHAUSTED',
  NO_QUANTITIES = 'NO_QUANTITIES',
  LEDGER_UNAVAILABLE = 'LEDGER_UNAVAILABLE',
  // DATASET (the rules at the issue time, against the recorded profile version)
  RULES_PASSED = 'RULES_PASSED',
  RULES_FAILED = 'RULES_FAILED',
  DOCUMENT_SHAPE_INVALID = 'DOCUMENT_SHAPE_INVALID',
  PROFILE_VERSION_UNKNOWN = 'PROFILE_VERSION_UNKNOWN',
  // Hub-state checks when the hub holds no such certificate, or the verifier runs offline.
  CERTIFICATE_NOT_FOUND = 'CERTIFICATE_NOT_FOUND',
  OFFLINE = 'OFFLINE',
}

export interface CheckResult {
  check: VerificationCheck;
  outcome: CheckOutcome;
  reason: VerificationReason;
  message: string;
  details?: Record<string, unknown>;
}
