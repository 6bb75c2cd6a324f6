import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KeyOwner, KeyOwnerType, ownerLabel } from '../domain/key-owner';
import { KeySigner } from '../keys/key-signer';
import { KeyStores } from '../keys/key-stores';
import { PkiError, PkiErrorCode } from '../pki.error';
import { SignerCache } from './signer-cache';

export interface DetachedSignature {
  cmsDer: Buffer;
  keyId: string;
}

interface ActiveKeyRow {
  id: string;
  not_before: Date;
  not_after: Date;
}

/**
 * Signs with an owner's ACTIVE key inside the caller's transaction. The key row is read FOR SHARE in
 * that transaction, so a revocation or retirement committed before it stops the signature at once in
 * every process (however the opened key is cached), and one racing it waits for this commit. The key
 * is opened through its key store: decrypted from the database, or reached in a PKCS#11 token.
 */
@Injectable()
export class ActiveKeySigner {
  constructor(
    private readonly keys: KeyStores,
    private readonly cache: SignerCache,
  ) {}

  async sign(manager: EntityManager, owner: KeyOwner, content: Buffer, signingTime: Date, extraAttributes: readonly Buffer[] = []): Promise<DetachedSignature> {
    const rows: ActiveKeyRow[] =
      owner.type === KeyOwnerType.NODE
        ? await manager.query(`SELECT id, not_before, not_after FROM signing_keys WHERE owner_type = 'NODE' AND status = 'ACTIVE' FOR SHARE`)
        : await manager.query(`SELECT id, not_before, not_after FROM signing_keys WHERE authority_id = $1 AND status = 'ACTIVE' FOR SHARE`, [owner.authorityId]);
    const key = rows[0];
    const who = owner.type === KeyOwnerType.NODE ? 'The hub node' : `Authority ${owner.code}`;
    if (!key) {
      throw new PkiError(
        PkiErrorCode.NO_ACTIVE_SIGNING_KEY,
        `${who} has no active signing key, so nothing can be signed: the operator registers one (POST /v1/pki/keys, or POST /v1/pki/dev-keys for development)`,
        { owner: ownerLabel(owner) },
      );
    }
    if (signingTime < key.not_before || signingTime > key.not_after) {
      throw new PkiError(
        PkiErrorCode.SIGNING_KEY_EXPIRED,
        `${who}'s active signing certificate is valid from ${key.not_before.toISOString()} to ${key.not_after.toISOString()}, not at ${signingTime.toISOString()}: register a new key`,
        { owner: ownerLabel(owner), keyId: key.id },
      );
    }
    const signer = await this.cache.get(key.id, () => this.keys.openSigner(manager, key.id));
    return { cmsDer: await signer.signCms(content, signingTime, extraAttributes), keyId: key.id };
  }

  /**
   * The signer of one given key, only while that key is ACTIVE and its certificate valid at `at`: the
   * row is read FOR SHARE in the caller's transaction, as for any signature.
   */
  async signerOfKey(manager: EntityManager, keyId: string, at: Date): Promise<KeySigner> {
    const rows: Array<ActiveKeyRow & { status: string }> = await manager.query(`SELECT id, status, not_before, not_after FROM signing_keys WHERE id = $1 FOR SHARE`, [keyId]);
    const key = rows[0];
    if (!key || key.status !== 'ACTIVE' || at < key.not_before || at > key.not_after) {
      throw new PkiError(
        PkiErrorCode.SIGNING_KEY_NOT_ACTIVE,
        `The key that signed this record is ${key ? (key.status === 'ACTIVE' ? 'outside its certificate validity' : key.status) : 'unknown here'}, so it signs nothing more`,
        { keyId, ...(key ? { keyStatus: key.status } : {}) },
      );
    }
    return this.cache.get(key.id, () => this.keys.openSigner(manager, key.id));
  }
}
