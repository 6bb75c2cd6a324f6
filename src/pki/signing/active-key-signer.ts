import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Tx } from '../../core/unit-of-work/unit-of-work';
import { KeyOwner, KeyOwnerType, ownerLabel } from '../domain/key-owner';
import { KeySigner } from '../keys/key-signer';
import { KeyStores } from '../keys/key-stores';
import { PkiError, PkiErrorCode } from '../pki.error';
import { SignerCache } from './signer-cache';
import { ActiveKeyRow, ActiveKeys } from './active-keys';
import type { OwnSignatureReading } from '../crypto/cms-signer';

export interface DetachedSignature {
  cmsDer: Buffer;
  keyId: string;
  /** What the CMS holds, its signature checked under the key's certificate; absent when it did not verify. */
  reading?: OwnSignatureReading;
}

/**
 * Signs with an owner's ACTIVE key inside the caller's transaction. Given a bare manager, the key row
 * is read FOR SHARE in that transaction, so a revocation or retirement committed before it stops the
 * signature at once in every process (however the opened key is cached), and one racing it waits for
 * this commit. Given a unit of work's Tx, the key comes from this process's ActiveKeys and the same
 * check, FOR SHARE, is a condition of the change's write (one statement less, issue 14): a key
 * revoked meanwhile fails the write, and the change runs again with the key read afresh. The key is
 * opened through its key store: decrypted from the database, or reached in a PKCS#11 token.
 */
@Injectable()
export class ActiveKeySigner {
  constructor(
    private readonly keys: KeyStores,
    private readonly cache: SignerCache,
    private readonly active: ActiveKeys,
  ) {}

  async sign(context: EntityManager | Tx, owner: KeyOwner, content: Buffer, signingTime: Date, extraAttributes: readonly Buffer[] = []): Promise<DetachedSignature> {
    const tx = context instanceof EntityManager ? undefined : context;
    const manager = tx ? tx.manager : (context as EntityManager);
    const key = tx ? await this.active.of(tx, owner) : await this.lockedActiveKey(manager, owner);
    const who = owner.type === KeyOwnerType.NODE ? 'The hub node' : `Authority ${owner.code}`;
    if (!key) {
      throw new PkiError(
        PkiErrorCode.NO_ACTIVE_SIGNING_KEY,
        `${who} has no active signing key, so nothing can be signed: the operator registers one (POST /v1/pki/keys, or POST /v1/pki/dev-keys for development)`,
        { owner: ownerLabel(owner) },
      );
    }
    if ((key.not_before && signingTime < key.not_before) || (key.not_after && signingTime > key.not_after)) {
      throw new PkiError(
        PkiErrorCode.SIGNING_KEY_EXPIRED,
        `${who}'s active signing certificate is valid from ${key.not_before?.toISOString() ?? 'ever'} to ${key.not_after?.toISOString() ?? 'ever'}, not at ${signingTime.toISOString()}: register a new key`,
        { owner: ownerLabel(owner), keyId: key.id },
      );
    }
    const signer = await this.cache.get(key.id, () => this.keys.openSigner(manager, key.id));
    const { cmsDer, reading } = await signer.signCmsRead(content, signingTime, extraAttributes);
    if (tx) {
      this.active.requireInForce(tx, owner, key.id, signingTime, () => new PkiError(PkiErrorCode.SIGNING_KEY_NOT_ACTIVE, `${who}'s signing key ${key.id} was revoked or retired while it signed: nothing was stored`, { owner: ownerLabel(owner), keyId: key.id }));
    }
    return reading ? { cmsDer, keyId: key.id, reading } : { cmsDer, keyId: key.id };
  }

  private async lockedActiveKey(manager: EntityManager, owner: KeyOwner): Promise<ActiveKeyRow | undefined> {
    const rows: ActiveKeyRow[] =
      owner.type === KeyOwnerType.NODE
        ? await manager.query(`SELECT id, not_before, not_after FROM signing_keys WHERE owner_type = 'NODE' AND status = 'ACTIVE' FOR SHARE`)
        : await manager.query(`SELECT id, not_before, not_after FROM signing_keys WHERE authority_id = $1 AND status = 'ACTIVE' FOR SHARE`, [owner.authorityId]);
    return rows[0];
  }

  /**
   * The signer of one given key, only while that key is ACTIVE and its certificate valid at `at`: the
   * row is read FOR SHARE in the caller's transaction, as for any signature.
   */
  async signerOfKey(manager: EntityManager, keyId: string, at: Date): Promise<KeySigner> {
    const rows: Array<ActiveKeyRow & { status: string }> = await manager.query(`SELECT id, status, not_before, not_after FROM signing_keys WHERE id = $1 FOR SHARE`, [keyId]);
    const key = rows[0];
    if (!key || key.status !== 'ACTIVE' || (key.not_before && at < key.not_before) || (key.not_after && at > key.not_after)) {
      throw new PkiError(
        PkiErrorCode.SIGNING_KEY_NOT_ACTIVE,
        `The key that signed this record is ${key ? (key.status === 'ACTIVE' ? 'outside its certificate validity' : key.status) : 'unknown here'}, so it signs nothing more`,
        { keyId, ...(key ? { keyStatus: key.status } : {}) },
      );
    }
    return this.cache.get(key.id, () => this.keys.openSigner(manager, key.id));
  }
}
