import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { splitDer } from '../domain/der-bundle';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { PkiError } from '../pki.error';
import { DatabaseKeyStore } from './database-key-store';
import { KeyHandle } from './key-handle';
import { KeySigner } from './key-signer';
import { KeyStore, KeyStoreKind, StoredKeyReference } from './key-store.interface';
import { Pkcs11KeyStore } from './pkcs11/pkcs11-key-store';

/**
 * The hub's key stores, by kind: where a new key goes, and how a stored one is reached. Every signer
 * of a stored key (certificate CMS, renditions, the node key of envelopes and checkpoints) opens it
 * here, so it signs the same way whichever store holds it.
 */
@Injectable()
export class KeyStores {
  constructor(
    private readonly database: DatabaseKeyStore,
    private readonly pkcs11: Pkcs11KeyStore,
  ) {}

  /** The store a new generated key goes to: the one asked for; by default the token when one is configured. */
  forNewKey(kind?: KeyStoreKind): KeyStore {
    const store = this.of(kind ?? (this.pkcs11.configured ? KeyStoreKind.PKCS11 : KeyStoreKind.DATABASE));
    store.assertAvailable();
    return store;
  }

  of(kind: KeyStoreKind): KeyStore {
    return kind === KeyStoreKind.PKCS11 ? this.pkcs11 : this.database;
  }

  open(row: StoredKeyReference): Promise<KeyHandle> {
    return this.of(row.keyStore).open(row);
  }

  /** The signer of a stored key with its certificate (the key's status is the caller's to check, in its transaction). */
  async openSigner(manager: EntityManager, keyId: string): Promise<KeySigner> {
    const row = await manager.findOne(SigningKeyEntity, { where: { id: keyId } });
    if (!row) throw PkiError.keyNotFound();
    if (!row.certificateDer) throw PkiError.keyNotFound();
    return new KeySigner(await this.open(row), row.certificateDer, splitDer(row.chainDer));
  }
}
