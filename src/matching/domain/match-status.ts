/** How a declaration stands against the received certificates. */
export enum MatchStatus {
  /** Every checked field and every line agrees with a certificate valid on the declaration date. */
  MATCHED = 'MATCHED',
  /** A certificate was found, but fields or lines differ (named in the result). */
  PARTIAL = 'PARTIAL',
  /** No certificate received by this customs answers the declaration's UCR or certificate number. */
  UNMATCHED = 'UNMATCHED',
}

/** How one declaration line stands against the certificate item it was paired with. */
export enum LineMatchStatus {
  MATCHED = 'MATCHED',
  PARTIAL = 'PARTIAL',
  /** No item of the certificate answers the line. */
  UNMATCHED = 'UNMATCHED',
}

/** Why a field or a line does not match; stable codes customs systems can act on. */
export enum MismatchCode {
  NO_CERTIFICATE = 'NO_CERTIFICATE',
  NOT_ISSUED_ON_DATE = 'NOT_ISSUED_ON_DATE',
  CANCELLED_ON_DATE = 'CANCELLED_ON_DATE',
  REPLACED_ON_DATE = 'REPLACED_ON_DATE',
  EXPIRED_ON_DATE = 'EXPIRED_ON_DATE',
  IMPORT_REJECTED = 'IMPORT_REJECTED',
  CONSIGNEE_DIFFERS = 'CONSIGNEE_DIFFERS',
  AGREEMENT_DIFFERS = 'AGREEMENT_DIFFERS',
  UCR_DIFFERS = 'UCR_DIFFERS',
  NO_CERTIFICATE_ITEM = 'NO_CERTIFICATE_ITEM',
  HS_CODE_DIFFERS = 'HS_CODE_DIFFERS',
  ORIGIN_DIFFERS = 'ORIGIN_DIFFERS',
  NO_PREFERENCE = 'NO_PREFERENCE',
  NO_CERTIFIED_QUANTITY = 'NO_CERTIFIED_QUANTITY',
  UNITS_NOT_COMPARABLE = 'UNITS_NOT_COMPARABLE',
  QUANTITY_BEYOND_TOLERANCE = 'QUANTITY_BEYOND_TOLERANCE',
  QUANTITY_EXCEEDS_REMAINING = 'QUANTITY_EXCEEDS_REMAINING',
}
