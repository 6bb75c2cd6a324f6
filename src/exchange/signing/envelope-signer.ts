import type { EntityManager } from 'typeorm';
import type { Envelope, UnsignedEnvelope } from '../domain/envelope';

/**
 * The node signature of an envelope (DESIGN.md section 6): the sending node signs the RFC 8785 form
 * of the whole envelope except `signature` with its node key. The outbox calls this inside the
 * transaction that records the delivery, so an implementation backed by stored keys can check the
 * key's status there (DESIGN.md section 7: a retired key stops signing at once).
 */
export abstract class EnvelopeSigner {
  abstract sign(manager: EntityManager, envelope: UnsignedEnvelope & { to: string }): Promise<Envelope>;
}

export enum EnvelopeSignatureProblem {
  SIGNATURE_MISSING = 'SIGNATURE_MISSING',
  SIGNATURE_MALFORMED = 'SIGNATURE_MALFORMED',
  UNSUPPORTED_ALGORITHM = 'UNSUPPORTED_ALGORITHM',
  UNKNOWN_KEY = 'UNKNOWN_KEY',
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
}

export type EnvelopeVerification = { valid: true } | { valid: false; problem: EnvelopeSignatureProblem; message: string };

/** Checks an envelope's node signature against the node certificate registered for its sender. */
export abstract class EnvelopeVerifier {
  abstract verify(envelope: unknown, nodeCertificatePem: string): EnvelopeVerification;
}
