import { createPublicKey, KeyObject, sign } from 'node:crypto';

/** The signature algorithms a hub key makes: RSASSA-PKCS1-v1_5 with SHA-256 (the key being RSA). */
export type KeySignatureAlgorithm = 'RSA-SHA256';

/**
 * A private key the hub may sign with, wherever it lives: `sign(bytes, algorithm)` is all a signer
 * needs (CMS, envelopes, checkpoints, renditions, a CSR). The public key names it and is checked
 * against its certificate; the private material is the holder's business and never handed out.
 */
export interface KeyHandle {
  readonly publicKey: KeyObject;
  sign(bytes: Buffer, algorithm: KeySignatureAlgorithm): Promise<Buffer>;
}

export function assertSupportedAlgorithm(algorithm: string): asserts algorithm is KeySignatureAlgorithm {
  if (algorithm !== 'RSA-SHA256') throw new RangeError(`unsupported signature algorithm ${String(algorithm)}`);
}

/**
 * A key held in this process as a node:crypto KeyObject (decrypted from the database, read from a
 * configured file, or a development key). node:crypto signs synchronously: an RSA-2048 signature
 * takes a fraction of a millisecond, less than handing it to another thread would cost.
 */
export class SoftwareKeyHandle implements KeyHandle {
  readonly publicKey: KeyObject;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') throw new RangeError('a software signing key must be an RSA private key');
    this.publicKey = createPublicKey(privateKey);
  }

  async sign(bytes: Buffer, algorithm: KeySignatureAlgorithm): Promise<Buffer> {
    return this.signNow(bytes, algorithm);
  }

  /** The same signature without the promise, for callers that sign many in a loop (benchmarks, tests). */
  signNow(bytes: Buffer, algorithm: KeySignatureAlgorithm): Buffer {
    assertSupportedAlgorithm(algorithm);
    return sign('sha256', bytes, this.privateKey);
  }
}
