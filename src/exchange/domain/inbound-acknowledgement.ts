import { Acknowledgement, AcknowledgementWarning } from './acknowledgement';
import { AcknowledgementStatus } from './delivery-status';
import { MessageType } from './message-type';

/** What a receiver decided about one envelope, before it becomes the acknowledgement. */
export interface InboundOutcome {
  status: AcknowledgementStatus;
  message?: string;
  warnings: AcknowledgementWarning[];
}

/** Who an authenticated, signed envelope is from and for, as this hub sees it. */
export interface RoutingFacts {
  from: string;
  to: string;
  /** The sending partner serves the country of `from` (a node speaks for the authorities of its countries). */
  senderOfPartner: boolean;
  /** `to` is an authority served by this hub. */
  recipientServedHere: boolean;
}

/** What the receiver found out about a certificate message (CO_ISSUED, CO_REPLACED, CO_DUPLICATE, CO_CANCELLED). */
export interface CertificateMessageFacts {
  type: MessageType;
  /** For messages carrying a document. */
  document?: {
    present: boolean;
    hashMatches: boolean;
    /** The document names the issuer, number and copy that refersTo names. */
    identityMatches: boolean;
    /** The sending node serves the issuer's country (it may relay, never forge, another country's certificates). */
    issuerOfPartner: boolean;
    /** Shape violations: the document is not one of the common dataset. */
    shapeProblems: AcknowledgementWarning[];
    /** Business rule errors and warnings at the certificate's issue time. */
    findings: AcknowledgementWarning[];
    /** Reason codes of the issuer's CMS check (empty when it holds). */
    signatureProblems: string[];
    /** This hub already holds another document under the same identity. */
    heldDifferent: boolean;
  };
  /** For a cancellation: the certificate it cancels; for a replacement or duplicate: the original it names. */
  earlierCertificateKnown?: boolean;
}

export function acknowledgementOf(envelopeId: string, receivedAt: Date, outcome: InboundOutcome): Acknowledgement {
  return { status: outcome.status, envelopeId, receivedAt: receivedAt.toISOString(), ...(outcome.message ? { message: outcome.message } : {}), warnings: outcome.warnings };
}

const notReadable = (message: string): InboundOutcome => ({ status: AcknowledgementStatus.DELIVERED_NOT_READABLE, message, warnings: [] });

/** DESIGN.md section 6: an envelope from a node that does not speak for its sender, or for no one served here, is kept unread. */
export function routingOutcome(facts: RoutingFacts): InboundOutcome | null {
  if (!facts.senderOfPartner) return notReadable(`the sending node does not serve the country of ${facts.from}`);
  if (!facts.recipientServedHere) return notReadable(`no authority ${facts.to} is served by this hub`);
  return null;
}

/**
 * A certificate message that passed authentication, shape and node signature: DELIVERED when all is
 * well; DELIVERED_WITH_WARNINGS, with the reasons, when the certificate is stored but something about
 * it needs a human (the issuer's signature does not hold here, a rule fails at its issue time, it
 * names a certificate never received); DELIVERED_NOT_READABLE, kept for the operator, when there is
 * no certificate to store. Never a refusal: the sender's node did its part.
 */
export function certificateMessageOutcome(facts: CertificateMessageFacts): InboundOutcome {
  if (facts.type === MessageType.CO_CANCELLED) {
    if (facts.earlierCertificateKnown === false) {
      return { status: AcknowledgementStatus.DELIVERED_WITH_WARNINGS, warnings: [{ path: 'refersTo', message: 'cancels a certificate this hub never received; the cancellation is kept and applies if the certificate arrives' }] };
    }
    return { status: AcknowledgementStatus.DELIVERED, warnings: [] };
  }
  const document = facts.document;
  if (!document?.present) return notReadable('payload.document is missing');
  if (!document.hashMatches) return notReadable('payload.document does not hash to refersTo.documentHash');
  if (!document.identityMatches) return notReadable('payload.document names another issuing authority, number or copy than refersTo');
  if (!document.issuerOfPartner) return notReadable("the sending node does not serve the issuing authority's country");
  if (document.shapeProblems.length > 0) {
    return { status: AcknowledgementStatus.DELIVERED_NOT_READABLE, message: 'payload.document is not a certificate of the common dataset', warnings: document.shapeProblems };
  }
  if (document.heldDifferent) {
    return notReadable('another document under this identity was received before; the first is kept');
  }
  const warnings: AcknowledgementWarning[] = [
    ...document.signatureProblems.map((code) => ({ ruleId: code, path: 'payload.documentSignature', message: signatureMessage(code) })),
    ...document.findings,
  ];
  if (facts.type !== MessageType.CO_ISSUED && facts.earlierCertificateKnown === false) {
    warnings.push({ path: facts.type === MessageType.CO_REPLACED ? 'payload.replaces' : 'payload.duplicateOf', message: 'names a certificate this hub never received' });
  }
  return { status: warnings.length > 0 ? AcknowledgementStatus.DELIVERED_WITH_WARNINGS : AcknowledgementStatus.DELIVERED, warnings };
}

function signatureMessage(code: string): string {
  return code === 'NO_SIGNATURE'
    ? "the document carries no issuer's signature: it cannot be verified here"
    : `the issuer's signature does not hold here (${code}); the certificate is stored and verifies as invalid until this is resolved`;
}
