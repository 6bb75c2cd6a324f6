import { ParsedCrl } from './crl';
import { ParsedCertificate, SubjectInput } from './x509';

// Why a detached CMS signature is not accepted; each is a distinct outcome with its own spec.
export enum CmsReasonCode {
  MALFORMED_CMS = 'MALFORMED_CMS',
  TAMPERED_DOCUMENT = 'TAMPERED_DOCUMENT',
  BAD_SIGNATURE = 'BAD_SIGNATURE',
  SIGNER_NOT_EXPECTED = 'SIGNER_NOT_EXPECTED',
  UNTRUSTED_CHAIN = 'UNTRUSTED_CHAIN',
  SIGNER_EXPIRED_AT_ISSUE = 'SIGNER_EXPIRED_AT_ISSUE',
  SIGNER_NOT_YET_VALID_AT_ISSUE = 'SIGNER_NOT_YET_VALID_AT_ISSUE',
  SIGNER_REVOKED_BEFORE_ISSUE = 'SIGNER_REVOKED_BEFORE_ISSUE',
  KEY_USAGE = 'KEY_USAGE',
  CRL_INVALID = 'CRL_INVALID',
}

export enum CmsCheckCode {
  STRUCTURE = 'STRUCTURE',
  CONTENT_DIGEST = 'CONTENT_DIGEST',
  SIGNATURE = 'SIGNATURE',
  TRUST_CHAIN = 'TRUST_CHAIN',
  EXPECTED_SIGNER = 'EXPECTED_SIGNER',
  VALIDITY_AT_ISSUE = 'VALIDITY_AT_ISSUE',
  KEY_USAGE = 'KEY_USAGE',
  CRL = 'CRL',
  REVOCATION = 'REVOCATION',
}

export enum RevocationStatus {
  // No CRL from the signer's issuer was given (or no trusted path to check one against).
  NOT_CHECKED = 'NOT_CHECKED',
  GOOD = 'GOOD',
  REVOKED_AFTER_ISSUE = 'REVOKED_AFTER_ISSUE',
  REVOKED_BEFORE_ISSUE = 'REVOKED_BEFORE_ISSUE',
  // A CRL was given but could not be relied on (CRL_INVALID).
  UNKNOWN = 'UNKNOWN',
}

export interface CmsCheck {
  code: CmsCheckCode;
  passed: boolean;
  message: string;
  // Set on failed checks only.
  reason?: CmsReasonCode;
}

export interface CmsSignerSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
}

export interface CmsVerification {
  valid: boolean;
  checks: CmsCheck[];
  // The failing outcomes, in check order, without duplicates.
  reasons: CmsReasonCode[];
  signer?: CmsSignerSummary;
  // The signer's own claim; informational only, validity is judged at the hub-recorded issue time.
  signingTime?: Date;
  trustAnchorFingerprintSha256?: string;
  revocation: { status: RevocationStatus; revocationDate?: Date };
}

export interface ExpectedSigner {
  // Registered signing certificates of the authority (SHA-256 of the DER, hex; colons and case ignored).
  fingerprintsSha256?: string[];
  // Subject fields the signer certificate must carry, compared exactly.
  subject?: Partial<SubjectInput>;
}

export interface VerifyDetachedCmsInput {
  content: Buffer;
  cmsDer: Buffer;
  // Trust anchors registered for the authority that is expected to have signed.
  trustAnchorsDer: Buffer[];
  // Every trust anchor registered in the hub, for any authority (may include the expected ones). With
  // it a signature by another registered authority is SIGNER_NOT_EXPECTED rather than UNTRUSTED_CHAIN.
  knownAnchorsDer?: Buffer[];
  crls?: ParsedCrl[];
  // Hub-recorded issue time of the document, NOT the signingTime attribute.
  issueTime: Date;
  // Verification time, for CRL freshness (thisUpdate/nextUpdate).
  now: Date;
  expectedSigner?: ExpectedSigner;
  /**
   * What the hub read from this very CMS when it made it and checked its signature (a MAC under its
   * master key binds the reading to `content` and `cmsDer`, pki/signing/signature-check-macs). Given,
   * the verifier takes the structure, the content digest and the RSA signature as checked, and judges
   * the signer from it as from a parsed CMS. Never from anything a caller sent.
   */
  vouched?: VouchedSignature;
}

/** A CMS as the hub read it when it signed: its signer and the other certificates it carries, as parsed, and its signed attributes. */
export interface VouchedSignature {
  signer: ParsedCertificate;
  /** In the order the CMS carries them, the signer's own left out. */
  intermediates: ParsedCertificate[];
  signingTime: Date;
  digestHash: string;
}
