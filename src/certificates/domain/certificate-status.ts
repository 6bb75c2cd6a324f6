/** The issuer's state of a certificate (DESIGN.md section 5). */
export enum CertificateStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  REPLACED = 'REPLACED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}

/** The importing customs' state of a certificate, owned by them. */
export enum ImportStatus {
  RECEIVED = 'RECEIVED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  DISPUTED = 'DISPUTED',
  VERIFIED = 'VERIFIED',
}

/** Where a certificate row comes from: issued through this hub, or received from a partner hub. */
export enum CertificateOrigin {
  LOCAL = 'LOCAL',
  RECEIVED = 'RECEIVED',
}

/**
 * Which way a certificate was made. Certificates issued before exporters could apply were all made
 * directly by their authority.
 */
export enum IssuedThrough {
  /** The issuing authority created and issued it itself (its back-office system, or its staff). */
  AUTHORITY_DIRECTLY = 'AUTHORITY_DIRECTLY',
  /** An exporter's application, whose declaration the exporter signed with its own key. */
  APPLICATION_SIGNED_BY_EXPORTER = 'APPLICATION_SIGNED_BY_EXPORTER',
  /** An exporter's application, whose declaration was made through the exporter's authenticated API key. */
  APPLICATION_THROUGH_EXPORTER_API_KEY = 'APPLICATION_THROUGH_EXPORTER_API_KEY',
}

export enum CertificateEventType {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  ISSUED = 'ISSUED',
  CANCELLED = 'CANCELLED',
  REPLACED = 'REPLACED',
  DUPLICATED = 'DUPLICATED',
  EXPIRED = 'EXPIRED',
  /** A partner hub delivered the certificate, or a customs authority served here got it through this hub. */
  RECEIVED = 'RECEIVED',
  /** The importing customs' state (importStatus) moved. */
  IMPORT_STATUS_CHANGED = 'IMPORT_STATUS_CHANGED',
  /** A use of quantities was recorded in the certificate's ledger. */
  USE_RECORDED = 'USE_RECORDED',
  /** The importing customs answered (accept, reject, use, case decision); on the issuer's side, their answer arrived. */
  CUSTOMS_RESPONSE = 'CUSTOMS_RESPONSE',
  /** A verification case was opened on the certificate. */
  VERIFICATION_REQUESTED = 'VERIFICATION_REQUESTED',
  /** The issuing authority answered a verification case. */
  VERIFICATION_RESPONDED = 'VERIFICATION_RESPONDED',
  /** The importing customs closed a verification case with their decision. */
  VERIFICATION_CLOSED = 'VERIFICATION_CLOSED',
  /** A verification case passed its due date unanswered. */
  VERIFICATION_OVERDUE = 'VERIFICATION_OVERDUE',
}
