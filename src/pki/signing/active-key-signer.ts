import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CmsSigner } from '../crypto/cms-signer';
import { splitDer } from '../domain/der-bundle';
import { KeyOwner, KeyOwnerType, ownerLabel } from '../domain/key-owner';
import { PkiError, PkiErrorCode } from '../pki.error';
import { KeyVault } from './key-vault';
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
 * every process (however the decrypted key is cached), and one racing it waits for this commit.
 */
@Injectable()
export class ActiveKeySigner {
  constructor(
    private readonly vault: KeyVault,
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
    const signer = await this.cache.get(key.id, () => this.load(manager, key.id));
    return { cmsDer: signer.sign(content, signingTime, extraAttributes), keyId: key.id };
  }

  /**
   * The signer of one given key, only while that key is ACTIVE and its certificate valid at `at`: the
   * row is read FOR SHARE in the caller's transaction, as for any signature.
   */
  async signerOfKey(manager: EntityManager, keyId: string, at: Date): Promise<CmsSigner> {
    const rows: Array<ActiveKeyRow & { status: string }> = await manager.query(`SELECT id, status, not_before, not_after FROM signing_keys WHERE id = $1 FOR SHARE`, [keyId]);
    const key = rows[0];
    if (!key || key.status !== 'ACTIVE' || at < key.not_before || at > key.not_after) {
      throw new PkiError(
        PkiErrorCode.SIGNING_KEY_NOT_ACTIVE,
        `The key that signed this record is ${key ? (key.status === 'ACTIVE' ? 'outside its certificate validity' : key.status) : 'unknown here'}, so it signs nothing more`,
        { keyId, ...(key ? { keyStatus: key.status } : {}) },
      );
    }
    return this.cache.get(key.id, () => this.load(manager, key.id));
  }

  private async load(manager: EntityManager, keyId: string): Promise<CmsSigner> {
    const [row] = await manager.query(
      `SELECT encrypted_private_key, private_key_iv, private_key_salt, private_key_tag, private_key_kdf, private_key_version, private_key_master_key_id, certificate_der, chain_der
         FROM signing_keys WHERE id = $1`,
      [keyId],
    );
    const privateKey = this.vault.open(
      {
        encryptedPrivateKey: row.encrypted_private_key,
        privateKeyIv: row.private_key_iv,
        privateKeySalt: row.private_key_salt,
        privateKeyTag: row.private_key_tag,
        privateKeyKdf: row.private_key_kdf,
        privateKeyVersion: row.private_key_version,
        privateKeyMasterKeyId: row.private_key_master_key_id,
      },
      keyId,
    );
    return new CmsSigner({ signerCertDer: row.certificate_der, chainDer: splitDer(row.chain_der), privateKey });
  }
}
