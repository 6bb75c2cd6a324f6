import { canonicalize } from 'json-canonicalize';
import { MessageType } from './message-type';

export const ENVELOPE_SPEC_VERSION = '1.0';

/** A certificate's identity (DESIGN.md section 4): issuing authority, number, copy number. */
export interface CertificateReference {
  issuingAuthority: string;
  certificateNumber: string;
  copyNumber: number;
}

/** What a message is about: the certificate and the SHA-256 of its RFC 8785 document. */
export interface DocumentReference {
  certificate: CertificateReference;
  documentHash: string;
}

/** One quantity of one item that the importing customs used (UNECE Rec 20 unit, decimal string). */
export interface UseLinePayload {
  itemNumber: number;
  quantity: string;
  unit: string;
}

/** The importing customs' state of the certificate before and after a message (DESIGN.md section 5). */
export interface ImportStatusMovePayload {
  from: string;
  to: string;
}

/**
 * CUSTOMS_RESPONSE, importing customs to issuing authority: an acceptance, a rejection, a use, or the
 * decision that closes a verification case. `id` is the same on both hubs.
 */
export interface CustomsResponsePayload {
  id: string;
  decision: 'ACCEPT' | 'REJECT' | 'USE' | 'CASE_CLOSED';
  reason: string | null;
  uses: UseLinePayload[];
  importStatus: ImportStatusMovePayload;
  /** For CASE_CLOSED: the case and its decision (VERIFIED or REJECTED). */
  caseId: string | null;
  caseDecision: 'VERIFIED' | 'REJECTED' | null;
  respondedBy: string;
  respondedAt: string;
}

/** VERIFICATION_REQUEST, importing customs to issuing authority; `caseId` is the same on both hubs. */
export interface VerificationRequestPayload {
  caseId: string;
  reason: string;
  questions: string[];
  requestedDocuments: string[];
  requestedBy: string;
  requestedAt: string;
  /** From the agreement's response window; null when none applies. */
  dueAt: string | null;
  responseDays: number | null;
  importStatus: ImportStatusMovePayload;
}

/** A file that travels inside the signed envelope: its hash and size are signed with it. */
export interface AttachmentPayload {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  /** The bytes, base64. */
  content: string;
}

/** VERIFICATION_RESPONSE, issuing authority to importing customs. */
export interface VerificationResponsePayload {
  caseId: string;
  result: 'CONFIRMED' | 'NOT_CONFIRMED' | 'INSUFFICIENT';
  remarks: string | null;
  respondedBy: string;
  respondedAt: string;
  attachments: AttachmentPayload[];
}

/** A certificate in another format, beside the record (a partner capability): made from the record, signed by its issuer. */
export interface PayloadRendition {
  /** application/vnd.ecoo.ubl+xml or application/vnd.ecoo.edi3+json. */
  mediaType: string;
  /** The rendition's bytes, base64. */
  document: string;
  /** base64: the detached CMS (edi3); for UBL, whose XML-DSig is inside the document, the ds:Signature element. */
  signature: string;
}

export interface EnvelopePayload {
  /** The issued document; its RFC 8785 form is the signed content and hashes to refersTo.documentHash. */
  document?: Record<string, unknown>;
  /** The issuing authority's detached CMS over that form, base64 DER, once the signing module stores one. */
  documentSignature?: string;
  /**
   * The exporter's detached CMS over its declaration (RFC 8785 form of { exporter,
   * exporterDeclaration, items } of the document), base64 DER, when the exporter signed it. The
   * authority's CMS covers its SHA-256 and signature value in the signed attribute id-aa-contentReference (RFC 2634 2.11).
   */
  exporterSignature?: string;
  /**
   * Which way the certificate was made, when not directly by its authority: APPLICATION_SIGNED_BY_EXPORTER
   * or APPLICATION_THROUGH_EXPORTER_API_KEY. Absent: AUTHORITY_DIRECTLY (and from hubs before this field).
   */
  issuedThrough?: string;
  replaces?: DocumentReference;
  duplicateOf?: DocumentReference;
  cancellation?: { reason: string; cancelledAt: string };
  customsResponse?: CustomsResponsePayload;
  verificationRequest?: VerificationRequestPayload;
  verificationResponse?: VerificationResponsePayload;
  /** The document in formats the receiving partner reads, beside the record; an older hub ignores them. */
  renditions?: PayloadRendition[];
}

export interface EnvelopeSignature {
  /** RSASSA-PKCS1-v1_5 with SHA-256 over the RFC 8785 form of the envelope without `signature`. */
  algorithm: 'RSA-SHA256';
  /** SHA-256 fingerprint (hex) of the sending node's certificate, so a receiver can pick it during a key rollover. */
  keyId: string;
  value: string;
}

export interface UnsignedEnvelope {
  specVersion: string;
  envelopeId: string;
  type: MessageType;
  from: string;
  /** The recipient authority; null while no one serves the destination (an UNROUTABLE delivery). */
  to: string | null;
  createdAt: string;
  refersTo: DocumentReference;
  payload: EnvelopePayload;
}

export interface Envelope extends UnsignedEnvelope {
  to: string;
  signature: EnvelopeSignature;
}

export interface EnvelopeInput {
  envelopeId: string;
  type: MessageType;
  from: string;
  to: string | null;
  createdAt: Date;
  refersTo: DocumentReference;
  payload: EnvelopePayload;
}

export function buildEnvelope(input: EnvelopeInput): UnsignedEnvelope {
  return {
    specVersion: ENVELOPE_SPEC_VERSION,
    envelopeId: input.envelopeId,
    type: input.type,
    from: input.from,
    to: input.to,
    createdAt: input.createdAt.toISOString(),
    refersTo: input.refersTo,
    payload: input.payload,
  };
}

/** The envelope as it was before it was signed: what signing it again starts from. */
export function unsignedPart(envelope: Envelope | UnsignedEnvelope): UnsignedEnvelope {
  const { signature: _signature, ...rest } = envelope as Envelope;
  return rest;
}

/** The bytes the node signature covers: RFC 8785 of the whole envelope except `signature`. */
export function envelopeSigningInput(envelope: UnsignedEnvelope | Envelope): Buffer {
  const { signature: _signature, ...rest } = envelope as Envelope;
  return Buffer.from(canonicalize(rest), 'utf8');
}
