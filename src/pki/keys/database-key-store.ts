import { Injectable } from '@nestjs/common';
import { generateRsaKeyPair, RsaKeyBits } from '../crypto/keys';
import { PkiError, PkiErrorCode } from '../pki.error';
import { EncryptedKeyColumns, KeyVault } from '../signing/key-vault';
import { KeyHandle, SoftwareKeyHandle } from './key-handle';
import { GeneratedKey, KeyStore, KeyStoreKind, StoredKeyReference } from './key-store.interface';

/** Keys in the database, sealed by the key vault under HUB_MASTER_KEY and opened into this process to sign. */
@Injectable()
export class DatabaseKeyStore extends KeyStore {
  readonly kind = KeyStoreKind.DATABASE;

  constructor(private readonly vault: KeyVault) {
    super();
  }

  assertAvailable(): void {
    this.vault.assertConfigured();
  }

  async generate(id: string, bits: RsaKeyBits): Promise<GeneratedKey> {
    this.vault.assertConfigured();
    const { privateKey, publicKey } = await generateRsaKeyPair(bits);
    return { handle: new SoftwareKeyHandle(privateKey), publicKey, columns: { keyStore: KeyStoreKind.DATABASE, ...this.vault.seal(privateKey, id) } };
  }

  async discard(): Promise<void> {
    // The sealed key lived only in the row that was not stored.
  }

  async open(row: StoredKeyReference): Promise<KeyHandle> {
    if (!row.encryptedPrivateKey) throw new PkiError(PkiErrorCode.SIGNING_KEY_UNAVAILABLE, `Signing key ${row.id} holds no sealed private key`);
    // The row as read (every sealed column the vault needs, however many it has).
    return new SoftwareKeyHandle(this.vault.open(row as unknown as EncryptedKeyColumns, row.id));
  }
}
