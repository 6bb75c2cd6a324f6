import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Tx } from '../../core/unit-of-work/unit-of-work';
import { NodeSignature, NodeSignatureAlgorithm, NodeSigner } from '../../core/signing/node-signer';
import { NodeKeySource } from './node-key-source';

/** NodeSigner with the node key as envelopes get it (NodeKeySource: the stored NODE key, else the configured one). */
@Injectable()
export class NodeKeySigner extends NodeSigner {
  constructor(private readonly keys: NodeKeySource) {
    super();
  }

  async sign(bytes: Uint8Array, algorithm: NodeSignatureAlgorithm, manager?: EntityManager | Tx): Promise<NodeSignature> {
    const key = await this.keys.current(manager);
    // RSASSA-PKCS1-v1_5, the node key being RSA (every key source refuses any other kind).
    return { algorithm, signature: await key.key.sign(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), algorithm), keyId: key.keyId, certificatePem: key.certificatePem };
  }

  async signNaming(bytes: (signer: { certificatePem: string; keyId: string }) => Uint8Array, algorithm: NodeSignatureAlgorithm, manager?: EntityManager): Promise<NodeSignature & { bytes: Uint8Array }> {
    const key = await this.keys.current(manager);
    const signed = bytes({ certificatePem: key.certificatePem, keyId: key.keyId });
    return { algorithm, signature: await key.key.sign(Buffer.from(signed.buffer, signed.byteOffset, signed.byteLength), algorithm), keyId: key.keyId, certificatePem: key.certificatePem, bytes: signed };
  }
}
