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

export interface EnvelopePayload {
  /** The issued document; its RFC 8785 form is the signed content and hashes to refersTo.documentHash. */
  document?: Record<string, unknown>;
  /** The issuing authority's detached CMS over that form, base64 DER, once the signing module stores one. */
  documentSignature?: string;
  replaces?: DocumentReference;
  duplicateOf?: DocumentReference;
  cancellation?: { reason: string; cancelledAt: string };
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
