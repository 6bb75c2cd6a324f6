import type { Violation } from '../../core/errors/violation';
import type { CertificateOrigin, CertificateStatus, IssuedThrough } from '../domain/certificate-status';

/** A certificate's identity (DESIGN.md section 4), as partners name it. */
export interface CertificateIdentity {
  issuingAuthority: string;
  certificateNumber: string;
  copyNumber: number;
}

export interface ReceivedSignatureCheck {
  valid: boolean;
  /** The verifier's reason codes (TAMPERED_DOCUMENT, UNTRUSTED_CHAIN, ...), or NO_SIGNATURE. */
  reasons: string[];
  checkedAt: string;
}

/** What this hub holds under an identity, for the receiving side's decisions. */
export interface HeldCertificate {
  id: string;
  documentHash: string | null;
  status: CertificateStatus;
  origin: CertificateOrigin;
  /** The partner (by code) a received copy came from; null for a certificate issued here. */
  receivedFrom: string | null;
  issuingAuthority: string;
  importCountry: string;
}

/** Where a message came from: a partner node (by its code here) or this hub itself. */
export interface ReceiptSource {
  partner: string | null;
  envelopeId: string;
  at: Date;
}

/** An issued, replacing or duplicate certificate document that arrived, checked by the receiver. */
export interface ReceivedDocument {
  identity: CertificateIdentity;
  /** The issued document, normalised, exactly as its canonical form hashes. */
  document: Record<string, unknown>;
  canonical: Buffer;
  documentHash: string;
  signatureCms: Buffer | null;
  signatureCheck: ReceivedSignatureCheck;
  /** The exporter's CMS over its declaration, kept only when the issuer's signature covers it. */
  exporterSignatureCms?: Buffer | null;
  /** Which way the issuer says the certificate was made (absent from older hubs: directly by the authority). */
  issuedThrough?: IssuedThrough;
  versions: { dataset: string; profile: string | null; hs: string };
  validityDays: number | null;
  /** Rule findings at the certificate's issue time, and signature findings, kept with the copy. */
  warnings: Violation[];
  /** For a replacement, the certificate it replaces. */
  replaces?: CertificateIdentity;
  /** A cancellation of this identity that arrived before the certificate did (messages can cross). */
  cancelledEarlier?: { reason: string };
  source: ReceiptSource;
}

export interface ReceivedCancellation {
  identity: CertificateIdentity;
  reason: string;
  source: ReceiptSource;
}

export function identityLabel(identity: CertificateIdentity): string {
  return `${identity.issuingAuthority} ${identity.certificateNumber}${identity.copyNumber > 0 ? ` copy ${identity.copyNumber}` : ''}`;
}
