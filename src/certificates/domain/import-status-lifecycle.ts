import { defineLifecycle, type TransitionRow } from '../../core/lifecycle/transition-table';
import { CertificateStatus, ImportStatus } from './certificate-status';

/** What the importing customs do with a certificate (DESIGN.md section 5, `importStatus`). */
export enum ImportAction {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  /** Record a use of quantities; using a certificate accepts it. */
  USE = 'USE',
  /** Open a verification case, before or after clearance. */
  DISPUTE = 'DISPUTE',
  /** Close a verification case: the origin is confirmed. */
  CLOSE_VERIFIED = 'CLOSE_VERIFIED',
  /** Close a verification case: preference is denied. */
  CLOSE_REJECTED = 'CLOSE_REJECTED',
}

export interface ImportTransitionContext {
  /** The issuer's state of the certificate: a cancellation that crosses an acceptance wins for validity. */
  certificateStatus: CertificateStatus;
  reason?: string | null;
}

type ImportTransition = TransitionRow<ImportStatus, ImportAction, ImportTransitionContext>;

const stillValid = (ctx: ImportTransitionContext): string | undefined =>
  ctx.certificateStatus === CertificateStatus.ISSUED ? undefined : `the certificate is ${ctx.certificateStatus} by its issuer and can no longer be accepted or used`;

const statesReason = (ctx: ImportTransitionContext): string | undefined => (ctx.reason && ctx.reason.trim().length > 0 ? undefined : 'a rejection states its reason');

// RECEIVED -> (ACCEPTED | REJECTED | DISPUTED), ACCEPTED -> DISPUTED (post-clearance verification),
// DISPUTED -> (VERIFIED | REJECTED), VERIFIED -> ACCEPTED. A use is a ledger entry, not a state: it
// keeps (or makes) the certificate ACCEPTED.
const TRANSITIONS: readonly ImportTransition[] = [
  { from: ImportStatus.RECEIVED, action: ImportAction.ACCEPT, to: ImportStatus.ACCEPTED, guard: stillValid },
  { from: ImportStatus.VERIFIED, action: ImportAction.ACCEPT, to: ImportStatus.ACCEPTED, guard: stillValid },
  { from: ImportStatus.RECEIVED, action: ImportAction.REJECT, to: ImportStatus.REJECTED, guard: statesReason },
  { from: ImportStatus.RECEIVED, action: ImportAction.USE, to: ImportStatus.ACCEPTED, guard: stillValid },
  { from: ImportStatus.ACCEPTED, action: ImportAction.USE, to: ImportStatus.ACCEPTED, guard: stillValid },
  { from: ImportStatus.VERIFIED, action: ImportAction.USE, to: ImportStatus.ACCEPTED, guard: stillValid },
  { from: ImportStatus.RECEIVED, action: ImportAction.DISPUTE, to: ImportStatus.DISPUTED },
  { from: ImportStatus.ACCEPTED, action: ImportAction.DISPUTE, to: ImportStatus.DISPUTED },
  { from: ImportStatus.DISPUTED, action: ImportAction.CLOSE_VERIFIED, to: ImportStatus.VERIFIED },
  { from: ImportStatus.DISPUTED, action: ImportAction.CLOSE_REJECTED, to: ImportStatus.REJECTED, guard: statesReason },
];

const LIFECYCLE = defineLifecycle({
  transitions: TRANSITIONS,
  refusal: (from, action) => `cannot ${action.toLowerCase().replace('_', ' ')} a certificate whose import status is ${from}`,
});

export type ImportTransitionResult = { ok: true; to: ImportStatus } | { ok: false; reason: string };

/** The importing customs' own move: the table and its guards decide. */
export function importTransition(from: ImportStatus, action: ImportAction, ctx: ImportTransitionContext): ImportTransitionResult {
  return LIFECYCLE.transition(from, action, ctx);
}

export function allowedImportActions(from: ImportStatus): ImportAction[] {
  return LIFECYCLE.allowedActions(from);
}

export type MirrorDecision = { apply: true } | { apply: false; warning?: string };

/**
 * The issuer's copy of importStatus follows what the importing customs report (they own it, and
 * judged the guards). A message that repeats the current state changes nothing; one the table allows
 * from the current state applies, whatever state it says it left (messages can arrive out of order);
 * anything else stays unapplied, with a warning, and the message on record.
 */
export function mirrorImportStatus(current: ImportStatus, reported: { from: ImportStatus; to: ImportStatus }): MirrorDecision {
  if (current === reported.to) return { apply: false };
  if (LIFECYCLE.leadsTo(current, reported.to)) return { apply: true };
  return { apply: false, warning: `importStatus ${reported.from} -> ${reported.to} reported, but this hub holds ${current}; not applied` };
}
