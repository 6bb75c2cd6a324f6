import { Injectable } from '@nestjs/common';
import { sign } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Envelope, UnsignedEnvelope, envelopeSigningInput } from '../domain/envelope';
import { EnvelopeSigner } from './envelope-signer';
import { NodeKeySource } from './node-key-source';

/**
 * RSASSA-PKCS1-v1_5 with SHA-256 over the envelope's RFC 8785 bytes, by node:crypto. A plain
 * signature rather than a CMS: the receiver already holds the sender's node certificate (it is
 * registered with the partner), so carrying it in every envelope would add bytes and nothing else;
 * keyId names it, so a receiver can hold two during a key rollover.
 */
@Injectable()
export class RsaEnvelopeSigner extends EnvelopeSigner {
  constructor(private readonly keys: NodeKeySource) {
    super();
  }

  async sign(manager: EntityManager, envelope: UnsignedEnvelope & { to: string }): Promise<Envelope> {
    const key = await this.keys.current(manager);
    const value = sign('sha256', envelopeSigningInput(envelope), key.privateKey).toString('base64');
    return { ...envelope, signature: { algorithm: 'RSA-SHA256', keyId: key.keyId, value } };
  }
}
