import { Injectable } from '@nestjs/common';
import { sign } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { NodeKeySource } from './node-key-source';

export type NodeSignatureAlgorithm = 'RSA-SHA256';

export interface NodeSignature {
  algorithm: NodeSignatureAlgorithm;
  signature: Buffer;
  /** SHA-256 of the signer certificate's DER, hex. */
  keyId: string;
  /** The signer certificate, PEM: what a reader checks the signature with. */
  certificatePem: string;
}

/**
 * Signs bytes with the node key, for signers outside the exchange (the audit checkpoints): the one
 * narrow door to the node key besides the envelope signer, so a key store can take its place
 * without its callers changing. A caller signing inside a transaction passes its manager, so the
 * stored key's status is read there (DESIGN.md section 7: a retired key stops signing at once).
 */
export abstract class NodeSigner {
  abstract sign(bytes: Uint8Array, algorithm: NodeSignatureAlgorithm, manager?: EntityManager): Promise<NodeSignature>;
}

/** The node key as envelopes get it (NodeKeySource: the stored NODE key, else the configured one). */
@Injectable()
export class NodeKeySigner extends NodeSigner {
  constructor(private readonly keys: NodeKeySource) {
    super();
  }

  async sign(bytes: Uint8Array, algorithm: NodeSignatureAlgorithm, manager?: EntityManager): Promise<NodeSignature> {
    const key = await this.keys.current(manager);
    // RSASSA-PKCS1-v1_5, the node key being RSA (both key sources refuse any other kind).
    return { algorithm, signature: sign('sha256', bytes, key.privateKey), keyId: key.keyId, certificatePem: key.certificatePem };
  }
}
