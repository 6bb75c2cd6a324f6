import { CmsCheckCode, type CmsVerification } from '../../../pki/crypto/cms-verification';

/** One signature of a certificate as a verification reports it: its own checks, apart from the verdict's. */
export interface SignatureReport {
  present: boolean;
  /** The signature verifies over its content, by a signer valid at the issue time, to a trusted chain. */
  valid: boolean;
  signer: { subject: string; serialNumber: string; fingerprintSha256: string } | null;
  /** The signer's chain ends in a trust anchor registered for the issuing authority. */
  chain: { trusted: boolean; trustAnchorFingerprintSha256: string | null };
  reasons: string[];
}

export interface ExporterSignatureReport extends SignatureReport {
  /** The authority's signature covers this exporter signature (id-aa-contentReference), so neither was swapped. */
  coveredByAuthority: boolean;
}

export const NOT_COVERED_BY_AUTHORITY = 'NOT_COVERED_BY_AUTHORITY';

const ABSENT: SignatureReport = { present: false, valid: false, signer: null, chain: { trusted: false, trustAnchorFingerprintSha256: null }, reasons: [] };

/** The report of a signature from its CMS verification, or of an absent one. */
export function signatureReport(verification: CmsVerification | undefined): SignatureReport {
  if (!verification) return ABSENT;
  const trusted = verification.checks.some((c) => c.code === CmsCheckCode.TRUST_CHAIN && c.passed);
  return {
    present: true,
    valid: verification.valid,
    signer: verification.signer ? { subject: verification.signer.subject, serialNumber: verification.signer.serialNumber, fingerprintSha256: verification.signer.fingerprintSha256 } : null,
    chain: { trusted, trustAnchorFingerprintSha256: verification.trustAnchorFingerprintSha256 ?? null },
    reasons: [...verification.reasons],
  };
}

/**
 * The exporter's signature of its declaration: valid only when it verifies on its own and the
 * authority's signature covers it; absent for a certificate whose declaration was made otherwise.
 */
export function exporterSignatureReport(verification: CmsVerification | undefined, coveredByAuthority: boolean): ExporterSignatureReport {
  const report = signatureReport(verification);
  if (!report.present) return { ...report, coveredByAuthority: false };
  return {
    ...report,
    valid: report.valid && coveredByAuthority,
    reasons: coveredByAuthority ? report.reasons : [...report.reasons, NOT_COVERED_BY_AUTHORITY],
    coveredByAuthority,
  };
}
