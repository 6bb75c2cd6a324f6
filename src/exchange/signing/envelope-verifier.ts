import { Injectable } from '@nestjs/common';
import { verify } from 'node:crypto';
import { Envelope, envelopeSigningInput } from '../domain/envelope';
import { parseCertificateCached, pemToDer } from '../../pki/crypto/x509';

export enum EnvelopeSignatureProblem {
  SIGNATURE_MISSING = 'SIGNATURE_MISSING',
  SIGNATURE_MALFORMED = 'SIGNATURE_MALFORMED',
  UNSUPPORTED_ALGORITHM = 'UNSUPPORTED_ALGORITHM',
  UNKNOWN_KEY = 'UNKNOWN_KEY',
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
}

export type EnvelopeVerification = { valid: true } | { valid: false; problem: EnvelopeSignatureProblem; message: string };

const fail = (problem: EnvelopeSignatureProblem, message: string): EnvelopeVerification => ({ valid: false, problem, message });

/** Checks an envelope's node signature (what EnvelopeSigner makes) against the node certificate registered for its sender. */
@Injectable()
export class EnvelopeVerifier {
  verify(envelope: unknown, nodeCertificatePem: string): EnvelopeVerification {
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return fail(EnvelopeSignatureProblem.SIGNATURE_MISSING, 'not an envelope');
    const signature = (envelope as { signature?: unknown }).signature as Record<string, unknown> | undefined;
    if (signature === undefined || signature === null) return fail(EnvelopeSignatureProblem.SIGNATURE_MISSING, 'the envelope is not signed');
    if (typeof signature !== 'object' || typeof signature.keyId !== 'string' || typeof signature.value !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature.value)) {
      return fail(EnvelopeSignatureProblem.SIGNATURE_MALFORMED, 'signature needs algorithm, keyId and a base64 value');
    }
    if (signature.algorithm !== 'RSA-SHA256') return fail(EnvelopeSignatureProblem.UNSUPPORTED_ALGORITHM, `algorithm ${String(signature.algorithm)} is not supported`);
    const certificate = parseCertificateCached(pemToDer(nodeCertificatePem));
    if (signature.keyId.toLowerCase() !== certificate.fingerprintSha256) {
      return fail(EnvelopeSignatureProblem.UNKNOWN_KEY, 'the envelope is signed with a key other than the registered node certificate');
    }
    const ok = verify('sha256', envelopeSigningInput(envelope as Envelope), certificate.publicKey, Buffer.from(signature.value, 'base64'));
    return ok ? { valid: true } : fail(EnvelopeSignatureProblem.SIGNATURE_INVALID, 'the node signature does not match the envelope');
  }
}
