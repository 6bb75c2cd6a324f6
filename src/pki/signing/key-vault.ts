import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { KeyObject } from 'node:crypto';
import { hubConfig } from '../../core/config/hub.config';
import { decryptPrivateKey, EncryptedPrivateKey, encryptPrivateKey, KEY_ENCRYPTION_KDF } from '../crypto/key-encryption';
import { exportPrivateKeyPkcs8, importPrivateKeyPkcs8 } from '../crypto/keys';
import { PkiCryptoError } from '../crypto/pki-crypto.error';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { PkiError, PkiErrorCode } from '../pki.error';

// The sealed columns of a DATABASE key's row (null only in rows of keys kept in a PKCS#11 token).
export type EncryptedKeyColumns = {
  [K in 'encryptedPrivateKey' | 'privateKeyIv' | 'privateKeySalt' | 'privateKeyTag' | 'privateKeyKdf' | 'privateKeyVersion']: NonNullable<SigningKeyEntity[K]>;
};

const MISSING =
  'HUB_MASTER_KEY is not set, so the hub cannot keep private keys: set it to 32 random bytes ' +
  '(for example `openssl rand -hex 32`) and restart. Keys are stored only encrypted under it.';

/**
 * Private keys at rest: sealed with a key derived from HUB_MASTER_KEY (HKDF-SHA256, AES-256-GCM, the
 * key's id bound as associated data), and opened only to build a signer. Never logged, never returned.
 */
@Injectable()
export class KeyVault {
  constructor(@Inject(hubConfig.KEY) private readonly config: Pick<ConfigType<typeof hubConfig>, 'masterKey' | 'masterKeyVersion'>) {}

  /** Refuses early, before any work, when keys could not be stored. */
  assertConfigured(): void {
    if (!this.config.masterKey) throw new PkiError(PkiErrorCode.MASTER_KEY_NOT_CONFIGURED, MISSING);
  }

  seal(privateKey: KeyObject, keyId: string): EncryptedKeyColumns {
    this.assertConfigured();
    const sealed = encryptPrivateKey(exportPrivateKeyPkcs8(privateKey), this.config.masterKey as string, this.config.masterKeyVersion, keyId);
    return {
      encryptedPrivateKey: sealed.ciphertext,
      privateKeyIv: sealed.iv,
      privateKeySalt: sealed.salt,
      privateKeyTag: sealed.tag,
      privateKeyKdf: sealed.kdf,
      privateKeyVersion: sealed.keyVersion,
    };
  }

  open(columns: EncryptedKeyColumns, keyId: string): KeyObject {
    this.assertConfigured();
    if (columns.privateKeyVersion !== this.config.masterKeyVersion) {
      throw new PkiError(
        PkiErrorCode.SIGNING_KEY_UNAVAILABLE,
        `Signing key ${keyId} is sealed under master key version ${columns.privateKeyVersion}, but this hub holds version ${this.config.masterKeyVersion} (HUB_MASTER_KEY_VERSION)`,
      );
    }
    const record: EncryptedPrivateKey = {
      ciphertext: columns.encryptedPrivateKey,
      iv: columns.privateKeyIv,
      salt: columns.privateKeySalt,
      tag: columns.privateKeyTag,
      kdf: columns.privateKeyKdf as typeof KEY_ENCRYPTION_KDF,
      keyVersion: columns.privateKeyVersion,
    };
    try {
      return importPrivateKeyPkcs8(decryptPrivateKey(record, this.config.masterKey as string, keyId));
    } catch (error) {
      if (error instanceof PkiCryptoError) {
        throw new PkiError(PkiErrorCode.SIGNING_KEY_UNAVAILABLE, `Signing key ${keyId} cannot be opened: ${error.message}`);
      }
      throw error;
    }
  }
}
