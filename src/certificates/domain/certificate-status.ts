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

export enum CertificateEventType {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  ISSUED = 'ISSUED',
  CANCELLED = 'CANCELLED',
  REPLACED = 'REPLACED',
  DUPLICATED = 'DUPLICATED',
  EXPIRED = 'EXPIRED',
}
