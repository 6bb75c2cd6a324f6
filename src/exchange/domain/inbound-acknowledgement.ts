import { Acknowledgement, AcknowledgementWarning } from './acknowledgement';
import { AcknowledgementStatus } from './delivery-status';
import { MessageType } from './message-type';

/** What the receiving hub found out about an authenticated, signed envelope. */
export interface InboundFacts {
  envelopeId: string;
  type: MessageType;
  to: string;
  receivedAt: Date;
  from: string;
  /** The sending partner serves the country of `from` (a node speaks for the authorities of its countries). */
  senderOfPartner: boolean;
  /** `to` is a customs authority served by this hub. */
  recipientServedHere: boolean;
  /** For messages carrying a document: whether it is there, hashes to refersTo.documentHash, and names the issuer refersTo names. */
  document?: { present: boolean; hashMatches: boolean; issuerMatches: boolean };
  /** For a cancellation: the certificate it cancels; for a replacement or duplicate: the original it names. */
  earlierCertificateKnown?: boolean;
}

const CARRIES_DOCUMENT = new Set([MessageType.CO_ISSUED, MessageType.CO_REPLACED, MessageType.CO_DUPLICATE]);

function ack(facts: InboundFacts, status: AcknowledgementStatus, message?: string, warnings: AcknowledgementWarning[] = []): Acknowledgement {
  return { status, envelopeId: facts.envelopeId, receivedAt: facts.receivedAt.toISOString(), ...(message ? { message } : {}), warnings };
}

/**
 * DESIGN.md section 6: an envelope that passed authentication, shape and node signature is stored
 * and answered 200, DELIVERED, DELIVERED_WITH_WARNINGS (with the reasons) or DELIVERED_NOT_READABLE
 * (kept for the operator). One about a certificate this hub never received is answered clearly and kept.
 */
export function decideAcknowledgement(facts: InboundFacts): Acknowledgement {
  if (!facts.senderOfPartner) return ack(facts, AcknowledgementStatus.DELIVERED_NOT_READABLE, `the sending node does not serve the country of ${facts.from}`);
  if (!facts.recipientServedHere) return ack(facts, AcknowledgementStatus.DELIVERED_NOT_READABLE, `no authority ${facts.to} is served by this hub`);
  if (CARRIES_DOCUMENT.has(facts.type)) {
    const document = facts.document;
    if (!document?.present) return ack(facts, AcknowledgementStatus.DELIVERED_NOT_READABLE, 'payload.document is missing');
    if (!document.hashMatches) return ack(facts, AcknowledgementStatus.DELIVERED_NOT_READABLE, 'payload.document does not hash to refersTo.documentHash');
    if (!document.issuerMatches) return ack(facts, AcknowledgementStatus.DELIVERED_NOT_READABLE, 'payload.document names another issuing authority than refersTo');
    if (facts.type !== MessageType.CO_ISSUED && facts.earlierCertificateKnown === false) {
      const path = facts.type === MessageType.CO_REPLACED ? 'payload.replaces' : 'payload.duplicateOf';
      return ack(facts, AcknowledgementStatus.DELIVERED_WITH_WARNINGS, undefined, [{ path, message: 'names a certificate this hub never received' }]);
    }
    return ack(facts, AcknowledgementStatus.DELIVERED);
  }
  if (facts.type === MessageType.CO_CANCELLED) {
    if (facts.earlierCertificateKnown === false) {
      return ack(facts, AcknowledgementStatus.DELIVERED_WITH_WARNINGS, undefined, [{ path: 'refersTo', message: 'cancels a certificate this hub never received; the cancellation is kept' }]);
    }
    return ack(facts, AcknowledgementStatus.DELIVERED);
  }
  return ack(facts, AcknowledgementStatus.DELIVERED_NOT_READABLE, `${facts.type} is not processed by this hub yet; the envelope is kept`);
}
