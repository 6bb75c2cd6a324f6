import { Injectable } from '@nestjs/common';
import { BoundedMap } from '../../core/memory/bounded';
import { KeySigner } from '../keys/key-signer';

const LIMIT = 256;

/**
 * Opened signers (a decrypted key, or a token's key handle), one per key id per process: a key's
 * material never changes once it is active, so a cached signer is never stale. Whether the key may still sign is NOT decided here: the signing
 * transaction reads the key's status every time (ActiveKeySigner).
 */
@Injectable()
export class SignerCache {
  private readonly signers = new BoundedMap<string, Promise<KeySigner>>(LIMIT);

  get(keyId: string, load: () => Promise<KeySigner>): Promise<KeySigner> {
    const hit = this.signers.get(keyId);
    if (hit) return hit;
    const loading = load().catch((error: unknown) => {
      this.signers.delete(keyId);
      throw error;
    });
    this.signers.set(keyId, loading);
    return loading;
  }

  /** Drops a key that will not sign again (retired or revoked here); other processes simply stop using theirs. */
  forget(keyId: string): void {
    this.signers.delete(keyId);
  }
}
