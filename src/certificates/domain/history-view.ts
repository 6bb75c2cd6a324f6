import { CertificateEventType } from './certificate-status';
import { Viewer, ViewerRole } from './viewer';

/** One event of a certificate's history, as the API shows it. */
export interface HistoryEvent {
  id: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actor: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

// What a trader sees of the lifecycle: these events, with only these keys of their data. Anything
// else (the answers between authorities, cases, envelope ids, declaration numbers, and any event
// type or data key added later) stays out until it is listed here.
const TRADER_EVENTS: Partial<Record<string, readonly string[]>> = {
  [CertificateEventType.CREATED]: [],
  [CertificateEventType.UPDATED]: [],
  [CertificateEventType.ISSUED]: ['documentHash', 'versions', 'replaces', 'duplicateOf', 'copyNumber'],
  [CertificateEventType.CANCELLED]: ['reason'],
  [CertificateEventType.REPLACED]: ['replacementId', 'replacementNumber', 'replacedBy'],
  [CertificateEventType.DUPLICATED]: ['duplicateId', 'copyNumber', 'reason'],
  [CertificateEventType.EXPIRED]: [],
  [CertificateEventType.RECEIVED]: ['documentHash', 'signatureValid'],
  // The importing customs' state moved: the move, not the message that moved it.
  [CertificateEventType.IMPORT_STATUS_CHANGED]: [],
  // The quantities used (the certificate's ledger), not the declaration or response that used them.
  [CertificateEventType.USE_RECORDED]: ['lines'],
};

// The events of a verification case. Its content (reason, questions, answer, attachments, remarks)
// belongs to the case's two parties, as GET /v1/verification-cases/{id} does; other customs of the
// importing country see that it happened.
const CASE_EVENTS: Partial<Record<string, readonly string[]>> = {
  [CertificateEventType.VERIFICATION_REQUESTED]: ['caseId', 'dueAt'],
  [CertificateEventType.VERIFICATION_RESPONDED]: ['caseId'],
  [CertificateEventType.VERIFICATION_CLOSED]: ['caseId', 'decision'],
  [CertificateEventType.VERIFICATION_OVERDUE]: ['caseId', 'dueAt'],
};

const AUTHORITY_ACTOR = /^authority:(.+)$/;

function pick(data: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => Object.prototype.hasOwnProperty.call(data, k)).map((k) => [k, data[k]]));
}

/**
 * Who asked each verification case in this history: the customs authority that opened it here, or
 * the one a received request names.
 */
function caseRequesters(events: readonly HistoryEvent[]): Map<string, string> {
  const requesters = new Map<string, string>();
  for (const e of events) {
    if (e.type !== CertificateEventType.VERIFICATION_REQUESTED || typeof e.data.caseId !== 'string') continue;
    const named = typeof e.data.requestedBy === 'string' ? e.data.requestedBy : AUTHORITY_ACTOR.exec(e.actor)?.[1];
    if (named) requesters.set(e.data.caseId, named);
  }
  return requesters;
}

function forTrader(events: readonly HistoryEvent[]): HistoryEvent[] {
  return events.flatMap((e) => {
    const keys = TRADER_EVENTS[e.type];
    return keys ? [{ ...e, data: pick(e.data, keys) }] : [];
  });
}

/**
 * Customs of the importing country see the whole history, except what belongs to another customs
 * authority of their country: the content of a case it asked, the number of a declaration it matched.
 */
function forImportingCustoms(events: readonly HistoryEvent[], code: string): HistoryEvent[] {
  const requesters = caseRequesters(events);
  const own = `authority:${code}`;
  return events.map((e) => {
    const caseKeys = CASE_EVENTS[e.type];
    if (caseKeys) return requesters.get(String(e.data.caseId)) === code ? e : { ...e, data: pick(e.data, caseKeys) };
    // CertificateUseSource.IMPORT_DECLARATION (its enum sits in the entity file): the reference is the declaration number.
    if (e.type === CertificateEventType.USE_RECORDED && e.data.source === 'IMPORT_DECLARATION' && e.actor !== own) {
      return { ...e, data: pick(e.data, ['source', 'lines']) };
    }
    return e;
  });
}

/**
 * What a viewer sees of a certificate's history. The operator and the issuer see all of it; customs
 * of the importing country all but another customs authority's own business; a trader the lifecycle
 * of the certificate and of its import status, without the messages between authorities, the cases,
 * the declarations or the envelopes behind them.
 */
export function historyFor(viewer: Viewer, events: readonly HistoryEvent[]): HistoryEvent[] {
  switch (viewer.role) {
    case ViewerRole.OPERATOR:
    case ViewerRole.ISSUER:
      return [...events];
    case ViewerRole.IMPORTING_CUSTOMS:
      return forImportingCustoms(events, viewer.code);
    case ViewerRole.TRADER:
      return forTrader(events);
  }
}
