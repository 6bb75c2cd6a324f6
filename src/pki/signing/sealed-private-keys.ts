import { MasterKeyRing } from '../../core/secrets/master-key-ring';
import { SealedSecretColumns } from '../../core/secrets/sealed-secrets';
import { decryptPrivateKey, EncryptedPrivateKey, encryptPrivateKey, KEY_ENCRYPTION_KDF } from '../crypto/key-encryption';
import type { SigningKeyEntity } from '../entities/signing-key.entity';

// A private key's columns in signing_keys: sealed under the current master key, opened with the key
// the row names (private_key_master_key_id; rows older than that column try both keys held).

export type EncryptedKeyColumns = {
  [K in 'encryptedPrivateKey' | 'privateKeyIv' | 'privateKeySalt' | 'privateKeyTag' | 'privateKeyKdf' | 'privateKeyVersion']: NonNullable<SigningKeyEntity[K]>;
} & Partial<Pick<SigningKeyEntity, 'privateKeyMasterKeyId'>>;

export function sealPrivateKey(pkcs8Der: Buffer, ring: MasterKeyRing, keyVersion: number, keyId: string): Required<EncryptedKeyColumns> {
  const key = ring.sealing();
  const sealed = encryptPrivateKey(pkcs8Der, key.text, keyVersion, keyId);
  return {
    encryptedPrivateKey: sealed.ciphertext,
    privateKeyIv: sealed.iv,
    privateKeySalt: sealed.salt,
    privateKeyTag: sealed.tag,
    privateKeyKdf: sealed.kdf,
    privateKeyVersion: sealed.keyVersion,
    privateKeyMasterKeyId: key.id,
  };
}

/** The PKCS#8 bytes; throws MasterKeyUnavailableError when no key held opens them. */
export function openPrivateKey(columns: EncryptedKeyColumns, ring: MasterKeyRing, keyId: string): Buffer {
  const record: EncryptedPrivateKey = {
    ciphertext: columns.encryptedPrivateKey,
    iv: columns.privateKeyIv,
    salt: columns.privateKeySalt,
    tag: columns.privateKeyTag,
    kdf: columns.privateKeyKdf as typeof KEY_ENCRYPTION_KDF,
    keyVersion: columns.privateKeyVersion,
  };
  return ring.open(columns.privateKeyMasterKeyId, (key) => decryptPrivateKey(record, key.text, keyId)).value;
}

/** The rotation's part for signing keys: opened and sealed again, the record's version label kept. */
export const SEALED_PRIVATE_KEYS: SealedSecretColumns<SigningKeyEntity> = {
  label: 'private keys',
  sealedProperty: 'encryptedPrivateKey',
  keyIdProperty: 'privateKeyMasterKeyId',
  // The rotation selects only rows whose sealed key is not null, so every sealed column is there.
  reseal: (row, ring) => {
    const columns = row as EncryptedKeyColumns & { id: string };
    return sealPrivateKey(openPrivateKey(columns, ring, columns.id), ring, columns.privateKeyVersion, columns.id);
  },
};
