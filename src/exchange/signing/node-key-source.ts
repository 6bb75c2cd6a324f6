import type { EntityManager } from 'typeorm';
import type { Tx } from '../../core/unit-of-work/unit-of-work';
import type { KeyHandle } from '../../pki/keys/key-handle';

/** The node's envelope signing key: an RSA key (in this process or a PKCS#11 token) and the certificate partners register for this node. */
export interface NodeSigningKey {
  key: KeyHandle;
  certificatePem: string;
  /** SHA-256 of the certificate's DER, hex: the envelope signature's keyId. */
  keyId: string;
}

/**
 * Where the node key comes from (StoredNodeKeySource: the hub NODE's ACTIVE key in the pki store,
 * else the configured files, else a development key). A caller signing inside a transaction passes
 * its manager, so the stored key's status is read there (a retired key stops signing at once,
 * DESIGN.md section 7), or its unit of work's Tx, whose write then requires the key in force; without
 * one the key is read outside any, as for publishing it.
 */
export abstract class NodeKeySource {
  abstract current(manager?: EntityManager | Tx): Promise<NodeSigningKey>;
}
