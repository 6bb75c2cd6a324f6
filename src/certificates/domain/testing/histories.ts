import { CertificateEventType } from '../certificate-status';
import { HistoryEvent } from '../history-view';

let sequence = 0;

function event(type: CertificateEventType, actor: string, data: Record<string, unknown> = {}, move: [string | null, string | null] = [null, null]): HistoryEvent {
  sequence += 1;
  return { id: `e${sequence}`, type, fromStatus: move[0], toStatus: move[1], actor, occurredAt: new Date(Date.UTC(2026, 10, 27, 10, sequence)).toISOString(), data };
}

export const CASE_ID = 'c-1';
export const DECLARATION_NUMBER = 'JP-IMP-0001';
const RESPONSE_ID = 'r-1';
const ATTACHMENT = { id: 'att-1', fileName: 'mill-records.pdf', contentType: 'application/pdf', sha256: 'ab'.repeat(32), size: 1024 };

/**
 * The history a certificate of KH-MOC for Japan gathers on a shared hub: issued, received by
 * JP-CUSTOMS, accepted, claimed by a declaration, disputed in a case answered with an attachment,
 * closed VERIFIED.
 */
export function sharedHubHistory(): HistoryEvent[] {
  const moc = 'authority:KH-MOC';
  const customs = 'authority:JP-CUSTOMS';
  return [
    event(CertificateEventType.CREATED, moc, {}, [null, 'DRAFT']),
    event(CertificateEventType.ISSUED, moc, { documentHash: 'ff'.repeat(32), versions: { dataset: '1', profile: 'RCEP@2022-01-01', hs: 'HS2022' } }, ['DRAFT', 'ISSUED']),
    event(CertificateEventType.RECEIVED, 'hub:local', { envelopeId: 'env-1', route: 'LOCAL' }, [null, 'ISSUED']),
    event(CertificateEventType.IMPORT_STATUS_CHANGED, customs, { customsResponseId: RESPONSE_ID, decision: 'ACCEPT' }, ['RECEIVED', 'ACCEPTED']),
    event(CertificateEventType.CUSTOMS_RESPONSE, customs, { customsResponseId: RESPONSE_ID, decision: 'ACCEPT', reason: null }, ['RECEIVED', 'ACCEPTED']),
    event(CertificateEventType.USE_RECORDED, customs, { source: 'IMPORT_DECLARATION', reference: DECLARATION_NUMBER, lines: [{ itemNumber: 1, quantity: '25000', unit: 'KGM' }] }),
    event(CertificateEventType.IMPORT_STATUS_CHANGED, customs, { caseId: CASE_ID }, ['ACCEPTED', 'DISPUTED']),
    event(CertificateEventType.VERIFICATION_REQUESTED, customs, { caseId: CASE_ID, reason: 'Origin criterion WO doubtful', dueAt: '2027-02-25T10:07:00.000Z' }, ['ACCEPTED', 'DISPUTED']),
    event(CertificateEventType.VERIFICATION_RESPONDED, moc, { caseId: CASE_ID, result: 'CONFIRMED', attachments: [ATTACHMENT] }),
    event(CertificateEventType.IMPORT_STATUS_CHANGED, customs, { caseId: CASE_ID, customsResponseId: 'r-2' }, ['DISPUTED', 'VERIFIED']),
    event(CertificateEventType.VERIFICATION_CLOSED, customs, { caseId: CASE_ID, decision: 'VERIFIED', remarks: 'Mill records match', customsResponseId: 'r-2' }, ['DISPUTED', 'VERIFIED']),
  ];
}

/**
 * The history of the same certificate on its issuer's hub, where Japan's answers arrive through the
 * partner node JP-NACCS.
 */
export function issuerHubHistory(): HistoryEvent[] {
  const moc = 'authority:KH-MOC';
  const partner = 'partner:JP-NACCS';
  return [
    event(CertificateEventType.ISSUED, moc, { documentHash: 'ff'.repeat(32), versions: { dataset: '1', profile: 'RCEP@2022-01-01', hs: 'HS2022' } }, ['DRAFT', 'ISSUED']),
    event(CertificateEventType.IMPORT_STATUS_CHANGED, partner, { customsResponseId: RESPONSE_ID, decision: 'REJECT', envelopeId: 'env-2' }, ['RECEIVED', 'REJECTED']),
    event(CertificateEventType.CUSTOMS_RESPONSE, partner, { customsResponseId: RESPONSE_ID, decision: 'REJECT', envelopeId: 'env-2', reported: { from: 'RECEIVED', to: 'REJECTED' }, applied: true, warnings: [] }),
    event(CertificateEventType.VERIFICATION_REQUESTED, partner, { caseId: CASE_ID, envelopeId: 'env-3', requestedBy: 'JP-CUSTOMS', dueAt: '2027-02-25T10:00:00.000Z', reported: { from: 'REJECTED', to: 'DISPUTED' }, applied: false, warnings: ['cannot follow'] }),
    event(CertificateEventType.CANCELLED, moc, { reason: 'Issued in error' }, ['ISSUED', 'CANCELLED']),
  ];
}

/** A received copy on the importing hub, from the partner node KH-HUB. */
export function receivedCopyHistory(): HistoryEvent[] {
  const partner = 'partner:KH-HUB';
  return [
    event(CertificateEventType.RECEIVED, partner, { envelopeId: 'env-4', documentHash: 'ee'.repeat(32), signatureValid: true }, [null, 'ISSUED']),
    event(CertificateEventType.REPLACED, partner, { envelopeId: 'env-5', replacedBy: 'KH-MOC/KH-RCEP-2/0' }, ['ISSUED', 'REPLACED']),
  ];
}
