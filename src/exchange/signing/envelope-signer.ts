import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Tx } from '../../core/unit-of-work/unit-of-work';
import { NodeSigner } from '../../core/signing/node-signer';
import { Envelope, UnsignedEnvelope, envelopeSigningInput } from '../domain/envelope';

/**
 * The node signature of an envelope (DESIGN.md section 6): the sending node signs the RFC 8785 form
 * of the whole envelope except `signature` with its node key, RSASSA-PKCS1-v1_5 with SHA-256, through
 * NodeSigner (the one sign(bytes, algorithm) that every signer of the hub uses, whatever holds the
 * key). A plain signature rather than a CMS: the receiver already holds the sender's node certificate
 * (it is registered with the partner), so carrying it in every envelope would add bytes and nothing
 * else; keyId names it, so a receiver can hold two during a key rollover. The outbox calls this inside
 * the transaction that records the delivery, so the stored key's status is read there (DESIGN.md
 * section 7: a retired key stops signing at once).
 */
@Injectable()
export class EnvelopeSigner {
  constructor(private readonly node: NodeSigner) {}

  async sign(manager: EntityManager | Tx, envelope: UnsignedEnvelope & { to: string }): Promise<Envelope> {
    const signed = await this.node.sign(envelopeSigningInput(envelope), 'RSA-SHA256', manager);
    return { ...envelope, signature: { algorithm: signed.algorithm, keyId: signed.keyId, value: signed.signature.toString('base64') } };
  }
}
