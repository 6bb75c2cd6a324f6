import type { EntityManager } from 'typeorm';
import type { Tx } from '../unit-of-work/unit-of-work';

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
 * Signs bytes with the hub's node key: the seam through which a module that may not reach the node
 * key itself (the audit checkpoints) gets a signature, whatever holds the key. A caller signing inside
 * a transaction passes its manager, so the key's status is read there (DESIGN.md section 7: a
 * retired key stops signing at once). The application root wires the implementation in.
 */
export abstract class NodeSigner {
  abstract sign(bytes: Uint8Array, algorithm: NodeSignatureAlgorithm, manager?: EntityManager | Tx): Promise<NodeSignature>;
  /**
   * Signs bytes that name their signer (a JWS header's certificate): `bytes` is given the certificate
   * of the very key that then signs them, so the two cannot come from different keys.
   */
  abstract signNaming(bytes: (signer: { certificatePem: string; keyId: string }) => Uint8Array, algorithm: NodeSignatureAlgorithm, manager?: EntityManager): Promise<NodeSignature & { bytes: Uint8Array }>;
}
