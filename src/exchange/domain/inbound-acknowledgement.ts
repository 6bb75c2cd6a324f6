import { Acknowledgement, AcknowledgementWarning } from './acknowledgement';
import { AcknowledgementStatus } from './delivery-status';
import { InboundRefusal, InboundRefusalCode } from './inbound-authorisation';
import { MessageType } from './message-type';

/** What a receiver decided about one envelope, before it becomes the acknowledgement. */
export interface InboundOutcome {
  status: AcknowledgementStatus;
  /** For DELIVERED_NOT_READABLE: the stable reason code. */
  code?: string;
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
  return {
    status: outcome.status,
    envelopeId,
    receivedAt: receivedAt.toISOString(),
    ...(outcome.code ? { code: outcome.code } : {}),
    ...(outcome.message ? { message: outcome.message } : {}),
    warnings: outcome.warnings,
  };
}

/** Why a document message is kept unread, apart from who may say what (InboundRefusalCode). */
export enum UnreadableCode {
  DOCUMENT_MISSING = 'DOCUMENT_MISSING',
  DOCUMENT_HASH_MISMATCH = 'DOCUMENT_HASH_MISMATCH',
  DOCUMENT_IDENTITY_MISMATCH = 'DOCUMENT_IDENTITY_MISMATCH',
  NOT_A_DATASET_DOCUMENT = 'NOT_A_DATASET_DOCUMENT',
  IDENTITY_HELD_WITH_OTHER_DOCUMENT = 'IDENTITY_HELD_WITH_OTHER_DOCUMENT',
  NOT_A_PAYLOAD = 'NOT_A_PAYLOAD',
  MESSAGE_TYPE_NOT_PROCESSED = 'MESSAGE_TYPE_NOT_PROCESSED',
  // A string holds U+0000 or a lone surrogate: no text field can take it as signed.
  UNSTORABLE_TEXT = 'UNSTORABLE_TEXT',
}

const notReadable = (code: string, message: string, warnings: AcknowledgementWarning[] = []): InboundOutcome => ({ status: AcknowledgementStatus.DELIVERED_NOT_READABLE, code, message, warnings });

/**
 * A signed envelope whose strings PostgreSQL cannot store (U+0000, lone surrogates): kept as an
 * escaped copy and not applied, each place named as a warning.
 */
export function unstorableOutcome(paths: string[]): InboundOutcome {
  const warnings = paths.map((path) => ({ ruleId: UnreadableCode.UNSTORABLE_TEXT, path, message: `${path || 'a key'} holds U+0000 or a lone surrogate, which this hub cannot store as text` }));
  return notReadable(UnreadableCode.UNSTORABLE_TEXT, `the envelope holds text this hub cannot store (U+0000 or a lone surrogate) at ${paths.join(', ')}; it is kept escaped, with the SHA-256 of the bytes received`, warnings);
}

/**
 * A message that breaks who may say what (DESIGN.md section 6): kept unread with its code, which
 * also travels as a warning for senders that read only the warnings.
 */
export function refusedOutcome(refusal: InboundRefusal): InboundOutcome {
  return notReadable(refusal.code, refusal.message, [{ ruleId: refusal.code, path: refusal.path, message: refusal.message }]);
}

/** DESIGN.md section 6: an envelope from a node that does not speak for its sender, or for no one served here, is kept unread. */
export function routingOutcome(facts: RoutingFacts): InboundOutcome | null {
  if (!facts.senderOfPartner) return refusedOutcome({ code: InboundRefusalCode.SENDER_NOT_FROM_COUNTRY, path: 'from', message: `the sending node does not serve the country of ${facts.from}` });
  if (!facts.recipientServedHere) return refusedOutcome({ code: InboundRefusalCode.RECIPIENT_NOT_SERVED_HERE, path: 'to', message: `no authority ${facts.to} is served by this hub` });
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
  if (!document?.present) return notReadable(UnreadableCode.DOCUMENT_MISSING, 'payload.document is missing');
  if (!document.hashMatches) return notReadable(UnreadableCode.DOCUMENT_HASH_MISMATCH, 'payload.document does not hash to refersTo.documentHash');
  if (!document.identityMatches) return notReadable(UnreadableCode.DOCUMENT_IDENTITY_MISMATCH, 'payload.document names another issuing authority, number or copy than refersTo');
  if (document.shapeProblems.length > 0) return notReadable(UnreadableCode.NOT_A_DATASET_DOCUMENT, 'payload.document is not a certificate of the common dataset', document.shapeProblems);
  if (document.heldDifferent) return notReadable(UnreadableCode.IDENTITY_HELD_WITH_OTHER_DOCUMENT, 'another document under this identity was received before; the first is kept');
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
