/** A verification case between the importing customs and the issuing authority (DESIGN.md section 5). */
export enum CaseStatus {
  REQUESTED = 'REQUESTED',
  RESPONDED = 'RESPONDED',
  CLOSED = 'CLOSED',
  /** The agreement's response window passed without an answer. */
  OVERDUE = 'OVERDUE',
}

/** The issuing authority's answer. */
export enum VerificationResult {
  CONFIRMED = 'CONFIRMED',
  NOT_CONFIRMED = 'NOT_CONFIRMED',
  INSUFFICIENT = 'INSUFFICIENT',
}

/** The importing customs' decision when they close the case; it moves importStatus. */
export enum CaseDecision {
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}

/** A case still waiting on someone. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = [CaseStatus.REQUESTED, CaseStatus.RESPONDED, CaseStatus.OVERDUE];
