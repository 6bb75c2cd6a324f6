/** An origin criterion an agreement allows: `WO`, `CTH`, `RVC40`, `CTSH+RVC35`. */
export interface OriginCriterionDefinition {
  /** Components joined by `+`; an `RVCnn` component names the regional value content threshold. */
  code: string;
  description: string;
  /** The RVC threshold in percent when the criterion is RVC-based (equals the `RVCnn` in the code). */
  rvcThresholdPercent?: number;
}

/**
 * A version of an agreement's rules as the hub applies them (DESIGN.md section 4): data, not code.
 * Versions of one code are effective-dated; the version in force on a date is the one with the latest
 * `effectiveFrom` not after it (and not past its `effectiveTo`).
 */
export interface AgreementProfile {
  code: string;
  version: string;
  name: string;
  /** The treaty text the figures below come from. */
  legalBasis: string;
  /** The form of certificate (`RCEP`, `D`); null when the agreement prescribes none. */
  formType: string | null;
  preferential: boolean;
  /** ISO 3166-1 alpha-2 codes of the Parties; null when any country may export or import. */
  parties: string[] | null;
  allowedOriginCriteria: OriginCriterionDefinition[];
  /** Days after shipment within which a certificate is not yet "issued retroactively". */
  retroactiveGraceDays: number;
  /** Whether the grace is counted in working days (Monday to Friday) rather than calendar days. */
  retroactiveGraceWorkingDays: boolean;
  /** Calendar days after shipment beyond which a certificate may not be issued at all; null: no limit. */
  retroactiveLimitDays: number | null;
  /** Days from issue during which a certificate may be presented; null: no expiry. */
  validityDays: number | null;
  /** Window for answering a verification request, in days from its receipt; null when none applies. */
  verificationResponseMinDays: number | null;
  verificationResponseMaxDays: number | null;
  /** Tolerance, in percent, between certified and declared quantities when matching at import. */
  matchingQuantityTolerancePercent: number;
  /** First day in force, YYYY-MM-DD (inclusive). */
  effectiveFrom: string;
  /** Last day in force, YYYY-MM-DD (inclusive); null: open-ended. */
  effectiveTo: string | null;
  /** Where each figure comes from (JSON has no comments), and what is not verified. */
  notes?: string[];
}

/** The profile a non-preferential certificate (no `agreement`) is checked against. */
export const NON_PREFERENTIAL_CODE = 'NON_PREFERENTIAL';
