import { CertificateEventType, CertificateStatus, ImportStatus } from '../../certificates/domain/certificate-status';
import { MismatchCode } from './match-status';

/** One entry of a certificate's history (certificate_events), as far as its state on a date goes. */
export interface HistoryEvent {
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  occurredAt: Date;
}

export interface StateFacts {
  issueDateTime: Date | null;
  expiresAt: Date | null;
  /** The issuer's status now. */
  status: CertificateStatus;
  /** The importing customs' status now. */
  importStatus: ImportStatus | null;
  history: HistoryEvent[];
}

export interface StateProblem {
  field: 'certificate' | 'importStatus';
  code: MismatchCode;
  message: string;
}

/** A declaration dated D is judged as at the end of D (UTC): a change recorded on D counts. */
export function declarationInstant(declarationDate: string): Date {
  return new Date(`${declarationDate}T23:59:59.999Z`);
}

const ENDED = new Set<string>([CertificateStatus.CANCELLED, CertificateStatus.REPLACED]);

/** The issuer's cancellation or replacement, as the history dates it; the first one wins. */
function endOf(facts: StateFacts): { status: string; at: Date | null } | null {
  const ends = facts.history.filter((e) => e.toStatus !== null && ENDED.has(e.toStatus) && e.type !== CertificateEventType.IMPORT_STATUS_CHANGED).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  if (ends.length > 0) return { status: ends[0].toStatus as string, at: ends[0].occurredAt };
  // Ended without a dated event (should not happen): treated as ended since ever, the strict reading.
  return ENDED.has(facts.status) ? { status: facts.status, at: null } : null;
}

/**
 * The importing customs' status at `at`: the latest IMPORT_STATUS_CHANGED at or before it, else the
 * status the first later change moved from, else the status now.
 */
export function importStatusAt(facts: StateFacts, at: Date): string | null {
  const changes = facts.history.filter((e) => e.type === CertificateEventType.IMPORT_STATUS_CHANGED).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const before = changes.filter((e) => e.occurredAt.getTime() <= at.getTime());
  if (before.length > 0) return before[before.length - 1].toStatus;
  const later = changes[0];
  return later ? (later.fromStatus ?? ImportStatus.RECEIVED) : facts.importStatus;
}

/**
 * Why a certificate cannot support a declaration at `at`: not yet issued, cancelled or replaced by
 * then (the issuer's history in certificate_events), expired (expiresAt), or rejected by the
 * importing customs. Empty when it was valid.
 */
export function stateProblemsAt(facts: StateFacts, at: Date): StateProblem[] {
  const problems: StateProblem[] = [];
  const day = at.toISOString().slice(0, 10);
  if (facts.issueDateTime === null || facts.issueDateTime.getTime() > at.getTime()) {
    problems.push({ field: 'certificate', code: MismatchCode.NOT_ISSUED_ON_DATE, message: `the certificate was not issued by ${day}` });
  } else {
    const end = endOf(facts);
    if (end && (end.at === null || end.at.getTime() <= at.getTime())) {
      const code = end.status === CertificateStatus.CANCELLED ? MismatchCode.CANCELLED_ON_DATE : MismatchCode.REPLACED_ON_DATE;
      const when = end.at ? ` on ${end.at.toISOString().slice(0, 10)}` : '';
      problems.push({ field: 'certificate', code, message: `the certificate was ${end.status.toLowerCase()}${when}, by ${day}` });
    } else if (facts.expiresAt !== null && facts.expiresAt.getTime() <= at.getTime()) {
      problems.push({ field: 'certificate', code: MismatchCode.EXPIRED_ON_DATE, message: `the certificate expired on ${facts.expiresAt.toISOString().slice(0, 10)}, by ${day}` });
    }
  }
  if (importStatusAt(facts, at) === ImportStatus.REJECTED) {
    problems.push({ field: 'importStatus', code: MismatchCode.IMPORT_REJECTED, message: `the importing customs had rejected the certificate by ${day}` });
  }
  return problems;
}
