import { MessageType } from './message-type';

/**
 * Why an authenticated, correctly signed envelope may still not be applied: who may say what
 * (DESIGN.md section 6). A node's signature proves which node sent a message, not that the node may
 * speak for the certificate it names; these rules decide that. A refused message changes nothing, is
 * kept with its code, and is acknowledged DELIVERED_NOT_READABLE with the code.
 */
export enum InboundRefusalCode {
  /** The sending node does not serve the country of the envelope's `from`. */
  SENDER_NOT_FROM_COUNTRY = 'SENDER_NOT_FROM_COUNTRY',
  /** `to` is no authority served by this hub. */
  RECIPIENT_NOT_SERVED_HERE = 'RECIPIENT_NOT_SERVED_HERE',
  /** A certificate message from a node that does not serve the issuing authority's country. */
  SENDER_NOT_ISSUERS_NODE = 'SENDER_NOT_ISSUERS_NODE',
  /** A certificate message whose `from` is not the certificate's issuing authority. */
  FROM_NOT_ISSUER = 'FROM_NOT_ISSUER',
  /** The issuing authority named is one this hub serves: only this hub speaks for it. */
  ISSUER_SERVED_HERE = 'ISSUER_SERVED_HERE',
  /** A certificate message whose `to` is not a customs authority served here in the importing country. */
  RECIPIENT_NOT_IMPORTING_CUSTOMS = 'RECIPIENT_NOT_IMPORTING_CUSTOMS',
  /** The certificate named is one this hub issued. */
  CERTIFICATE_HELD_LOCALLY = 'CERTIFICATE_HELD_LOCALLY',
  /** The received copy named reached this hub from another partner. */
  CERTIFICATE_FROM_ANOTHER_PARTNER = 'CERTIFICATE_FROM_ANOTHER_PARTNER',
  /** The certificate named is held here with another document hash than the message names. */
  DOCUMENT_HASH_MISMATCH = 'DOCUMENT_HASH_MISMATCH',
  /** A replacement names an original of another issuing authority. */
  TARGET_OF_ANOTHER_ISSUER = 'TARGET_OF_ANOTHER_ISSUER',
  /** A customs response or verification request about a certificate this hub did not issue. */
  CERTIFICATE_NOT_ISSUED_HERE = 'CERTIFICATE_NOT_ISSUED_HERE',
  /** A customs response or verification request not addressed to the certificate's issuing authority. */
  RECIPIENT_NOT_ISSUER = 'RECIPIENT_NOT_ISSUER',
  /** The authority named inside the message is not the envelope's `from`. */
  SIGNATORY_NOT_SENDER = 'SIGNATORY_NOT_SENDER',
  /** A customs response or verification request from an authority outside the importing country. */
  SENDER_NOT_IMPORTING_CUSTOMS = 'SENDER_NOT_IMPORTING_CUSTOMS',
  /** A message about a certificate from an authority this hub never sent it (or its verification request) to through this partner. */
  NOT_DELIVERED_TO_SENDER = 'NOT_DELIVERED_TO_SENDER',
  /** A verification response to a case this hub does not know. */
  CASE_UNKNOWN = 'CASE_UNKNOWN',
  /** A verification response to a case about a certificate this hub did not receive. */
  CASE_NOT_ON_RECEIVED_COPY = 'CASE_NOT_ON_RECEIVED_COPY',
  /** A verification response between other authorities, or about another certificate, than the case. */
  CASE_OF_OTHERS = 'CASE_OF_OTHERS',
  /** A verification response to a case that is no longer waiting for one. */
  CASE_NOT_OPEN = 'CASE_NOT_OPEN',
}

export interface InboundRefusal {
  code: InboundRefusalCode;
  message: string;
  path: string;
}

const refuse = (code: InboundRefusalCode, path: string, message: string): InboundRefusal => ({ code, path, message });

/** What this hub holds under an identity a message names. */
export interface HeldCopy {
  origin: 'LOCAL' | 'RECEIVED';
  /** The partner (by code) a received copy came from; null for a local certificate. */
  receivedFrom: string | null;
  documentHash: string | null;
  issuingAuthority: string;
  importCountry: string;
}

/** The authority a message is addressed to, when this hub serves it. */
export interface ServedRecipient {
  code: string;
  country: string;
  roles: string[];
}

/** What the receiver knows, before looking at the document, of a certificate message. */
export interface CertificateMessageAuthority {
  type: MessageType;
  /** The sending partner, by code, and the countries it serves. */
  partner: { code: string; countries: string[] };
  from: string;
  /** refersTo: the certificate and document hash the message is about. */
  certificate: { issuingAuthority: string; documentHash: string };
  /** The issuing authority is one this hub serves (it issues here). */
  issuerServedHere: boolean;
  recipient: ServedRecipient;
  /** The document's importing country, when the message carries a document. */
  documentImportCountry: string | null;
  /** What this hub holds under refersTo's identity. */
  held: HeldCopy | null;
  /** For a replacement: the original it names (null when named but not held, undefined when not named). */
  replaces?: { reference: { issuingAuthority: string; documentHash: string }; held: HeldCopy | null };
}

const CUSTOMS = 'CUSTOMS';

/**
 * CO_ISSUED, CO_REPLACED, CO_CANCELLED, CO_DUPLICATE: from the partner that serves the issuing
 * authority's country, in the issuing authority's name, to a customs authority served here in the
 * importing country; creating or changing only a RECEIVED copy that reached this hub from that same
 * partner under the same document hash (a replacement's and a cancellation's target included), never
 * a certificate this hub issued. Returns the first rule broken, or null.
 */
export function authoriseCertificateMessage(m: CertificateMessageAuthority): InboundRefusal | null {
  const issuer = m.certificate.issuingAuthority;
  const issuerCountry = issuer.slice(0, 2);
  if (m.issuerServedHere) return refuse(InboundRefusalCode.ISSUER_SERVED_HERE, 'refersTo.certificate.issuingAuthority', `${issuer} issues on this hub: no partner speaks for it`);
  if (!m.partner.countries.includes(issuerCountry)) {
    return refuse(InboundRefusalCode.SENDER_NOT_ISSUERS_NODE, 'refersTo.certificate.issuingAuthority', `partner ${m.partner.code} does not serve ${issuerCountry}, the country of the issuing authority ${issuer}`);
  }
  if (m.from !== issuer) return refuse(InboundRefusalCode.FROM_NOT_ISSUER, 'from', `a certificate message comes from its issuing authority ${issuer}, not ${m.from}`);

  const importCountry = m.documentImportCountry ?? m.held?.importCountry ?? null;
  if (!m.recipient.roles.includes(CUSTOMS) || (importCountry !== null && m.recipient.country !== importCountry)) {
    const where = importCountry === null ? '' : ` of the importing country ${importCountry}`;
    return refuse(InboundRefusalCode.RECIPIENT_NOT_IMPORTING_CUSTOMS, 'to', `${m.recipient.code} is not a customs authority${where} served by this hub`);
  }
  if (m.held) {
    const copy = copyProblem(m.held, m.partner.code, 'refersTo');
    if (copy) return copy;
    // A document under a held identity is judged by the document checks (the first copy is kept);
    // a cancellation names what it cancels by its hash.
    if (m.type === MessageType.CO_CANCELLED && m.held.documentHash !== m.certificate.documentHash) {
      return refuse(InboundRefusalCode.DOCUMENT_HASH_MISMATCH, 'refersTo.documentHash', 'the certificate held here under this identity has another document hash');
    }
  }
  if (m.replaces) {
    const target = m.replaces;
    if (target.reference.issuingAuthority !== issuer) {
      return refuse(InboundRefusalCode.TARGET_OF_ANOTHER_ISSUER, 'payload.replaces.certificate.issuingAuthority', `${issuer} may replace only its own certificates, not one of ${target.reference.issuingAuthority}`);
    }
    if (target.held) {
      const copy = copyProblem(target.held, m.partner.code, 'payload.replaces');
      if (copy) return copy;
      if (target.held.documentHash !== target.reference.documentHash) {
        return refuse(InboundRefusalCode.DOCUMENT_HASH_MISMATCH, 'payload.replaces.documentHash', 'the certificate it replaces is held here with another document hash');
      }
    }
  }
  return null;
}

function copyProblem(held: HeldCopy, partner: string, path: string): InboundRefusal | null {
  if (held.origin === 'LOCAL') return refuse(InboundRefusalCode.CERTIFICATE_HELD_LOCALLY, path, 'names a certificate this hub issued: a partner may change only the copies it delivered');
  if (held.receivedFrom !== partner) {
    return refuse(InboundRefusalCode.CERTIFICATE_FROM_ANOTHER_PARTNER, path, `names a copy this hub received from another partner, not from ${partner}`);
  }
  return null;
}

/** What the receiver knows of a CUSTOMS_RESPONSE or VERIFICATION_REQUEST. */
export interface ImportingSideMessageAuthority {
  from: string;
  to: string;
  /** The authority the payload names as its author (respondedBy, requestedBy). */
  signatory: string;
  documentHash: string;
  held: HeldCopy | null;
  /** This hub delivered the certificate to `from` through the sending partner. */
  deliveredToSenderThroughPartner: boolean;
}

/**
 * CUSTOMS_RESPONSE and VERIFICATION_REQUEST: from the partner that serves the importing customs to
 * which this hub delivered the certificate, in that customs' own name, to the certificate's issuing
 * authority; they may change only the importing side of that certificate, which this hub issued.
 */
export function authoriseImportingSideMessage(m: ImportingSideMessageAuthority): InboundRefusal | null {
  if (!m.held || m.held.origin !== 'LOCAL') return refuse(InboundRefusalCode.CERTIFICATE_NOT_ISSUED_HERE, 'refersTo', 'names a certificate this hub did not issue');
  if (m.held.documentHash !== m.documentHash) return refuse(InboundRefusalCode.DOCUMENT_HASH_MISMATCH, 'refersTo.documentHash', 'is not the hash of the certificate this hub issued');
  if (m.to !== m.held.issuingAuthority) return refuse(InboundRefusalCode.RECIPIENT_NOT_ISSUER, 'to', `the certificate's issuer is ${m.held.issuingAuthority}, not ${m.to}`);
  if (m.signatory !== m.from) return refuse(InboundRefusalCode.SIGNATORY_NOT_SENDER, 'from', `the message names ${m.signatory} but comes from ${m.from}`);
  if (m.from.slice(0, 2) !== m.held.importCountry) {
    return refuse(InboundRefusalCode.SENDER_NOT_IMPORTING_CUSTOMS, 'from', `${m.from} is not an authority of the importing country ${m.held.importCountry}`);
  }
  if (!m.deliveredToSenderThroughPartner) return refuse(InboundRefusalCode.NOT_DELIVERED_TO_SENDER, 'from', `this hub never delivered the certificate to ${m.from} through this partner`);
  return null;
}

/** What the receiver knows of a VERIFICATION_RESPONSE. */
export interface VerificationResponseAuthority {
  partner: { code: string; countries: string[] };
  from: string;
  to: string;
  signatory: string;
  /** The case the answer names, with its certificate as this hub holds it; null when unknown here. */
  kase: {
    issuingAuthority: string;
    requestingAuthority: string;
    /** refersTo names the case's certificate. */
    sameCertificate: boolean;
    /** The case waits for an answer (REQUESTED or OVERDUE). */
    open: boolean;
    /** This hub sent the case's verification request to `from` through the sending partner. */
    requestSentThroughPartner: boolean;
    certificate: HeldCopy;
  } | null;
}

/**
 * VERIFICATION_RESPONSE: from the partner that serves the issuing authority and to which this hub
 * sent the request, in the issuer's name, to the customs that opened the case; it may change only a
 * RECEIVED copy with an open case.
 */
export function authoriseVerificationResponse(m: VerificationResponseAuthority): InboundRefusal | null {
  const kase = m.kase;
  if (!kase) return refuse(InboundRefusalCode.CASE_UNKNOWN, 'payload.verificationResponse.caseId', 'answers a case this hub does not know');
  if (kase.certificate.origin !== 'RECEIVED') return refuse(InboundRefusalCode.CASE_NOT_ON_RECEIVED_COPY, 'payload.verificationResponse.caseId', 'the case is about a certificate this hub did not receive');
  const issuerCountry = kase.issuingAuthority.slice(0, 2);
  if (!m.partner.countries.includes(issuerCountry)) {
    return refuse(InboundRefusalCode.SENDER_NOT_ISSUERS_NODE, 'from', `partner ${m.partner.code} does not serve ${issuerCountry}, the country of the issuing authority ${kase.issuingAuthority}`);
  }
  if (kase.issuingAuthority !== m.from || m.signatory !== m.from || kase.requestingAuthority !== m.to || !kase.sameCertificate) {
    return refuse(InboundRefusalCode.CASE_OF_OTHERS, 'payload.verificationResponse.caseId', `the case is between ${kase.requestingAuthority} and ${kase.issuingAuthority} about another certificate or sender`);
  }
  if (!kase.requestSentThroughPartner) return refuse(InboundRefusalCode.NOT_DELIVERED_TO_SENDER, 'from', `this hub never sent the verification request to ${m.from} through this partner`);
  if (!kase.open) return refuse(InboundRefusalCode.CASE_NOT_OPEN, 'payload.verificationResponse.caseId', 'the case is not waiting for an answer');
  return null;
}
