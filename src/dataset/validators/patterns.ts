// Shapes of the dataset's coded strings. Membership in a code list is checked by the validators.

/** A non-negative decimal written as a string: `"12500.00"`, `"19800"`; no sign, exponent or spaces. */
export const DECIMAL_STRING = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** HS subheading: six digits, or `NNNN.NN` (accepted and normalised to six digits). */
export const HS_CODE = /^[0-9]{4}\.?[0-9]{2}$/;

/** Calendar date, ISO 8601 extended form. */
export const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Date-time with an explicit offset (RFC 3339 profile of ISO 8601). */
export const ISO_DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$/;

/** ISO 3166-2 subdivision: country code, hyphen, one to three alphanumerics (`TH-22`, `CN-GD`). */
export const SUBDIVISION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/**
 * A document number (an..35 in the EDIFACT sense, restricted to what survives URLs, file names and
 * paper forms): letters, digits, space, `.`, `_`, `/`, `-`; starts and ends with a letter or digit.
 */
export const DOCUMENT_NUMBER = /^[A-Za-z0-9](?:[A-Za-z0-9 ._/-]*[A-Za-z0-9])?$/;

/** An agreement profile code: `RCEP`, `ATIGA`, `NON_PREFERENTIAL`. */
export const AGREEMENT_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

/** An origin criterion: components such as `WO`, `CTSH`, `RVC40`, joined by `+` (`CTSH+RVC35`). */
export const ORIGIN_CRITERION = /^[A-Z]{2,5}(?:[0-9]{1,3})?(?:\+[A-Z]{2,5}(?:[0-9]{1,3})?)*$/;
