import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { KeyObject } from 'node:crypto';
import { hubConfig } from '../../core/config/hub.config';
import { MasterKeyRing, MasterKeyUnavailableError } from '../../core/secrets/master-key-ring';
import { exportPrivateKeyPkcs8, importPrivateKeyPkcs8 } from '../crypto/keys';
import { PkiCryptoError } from '../crypto/pki-crypto.error';
import { PkiError, PkiErrorCode } from '../pki.error';
import { EncryptedKeyColumns, openPrivateKey, sealPrivateKey } from './sealed-private-keys';

export type { EncryptedKeyColumns } from './sealed-private-keys';

const MISSING =
  'HUB_MASTER_KEY is not set, so the hub cannot keep private keys: set it to 32 random bytes ' +
  '(for example `openssl rand -hex 32`) and restart. Keys are stored only encrypted under it.';

/**
 * Private keys at rest: sealed with a key derived from HUB_MASTER_KEY (HKDF-SHA256, AES-256-GCM, the
 * key's id bound as associated data), and opened only to build a signer, with HUB_MASTER_KEY or,
 * during a rotation, HUB_MASTER_KEY_PREVIOUS: whichever the record names. Never logged, never returned.
 */
@Injectable()
export class KeyVault {
  constructor(@Inject(hubConfig.KEY) private readonly config: Pick<ConfigType<typeof hubConfig>, 'masterKey' | 'masterKeyPrevious' | 'masterKeyVersion'>) {}

  /** Refuses early, before any work, when keys could not be stored. */
  assertConfigured(): void {
    if (!this.config.masterKey) throw new PkiError(PkiErrorCode.MASTER_KEY_NOT_CONFIGURED, MISSING);
  }

  seal(privateKey: KeyObject, keyId: string): Required<EncryptedKeyColumns> {
    this.assertConfigured();
    return sealPrivateKey(exportPrivateKeyPkcs8(privateKey), MasterKeyRing.of(this.config), this.config.masterKeyVersion, keyId);
  }

  open(columns: EncryptedKeyColumns, keyId: string): KeyObject {
    this.assertConfigured();
    try {
      return importPrivateKeyPkcs8(openPrivateKey(columns, MasterKeyRing.of(this.config), keyId));
    } catch (error) {
      if (error instanceof MasterKeyUnavailableError || error instanceof PkiCryptoError) {
        throw new PkiError(PkiErrorCode.SIGNING_KEY_UNAVAILABLE, `Signing key ${keyId} cannot be opened: ${error.message}`);
      }
      throw error;
    }
  }
}
