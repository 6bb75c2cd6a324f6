import type { KeyObject } from 'node:crypto';
import type { RsaKeyBits } from '../crypto/keys';
import type { KeyHandle } from './key-handle';

/** Where a signing key's private half lives. */
export enum KeyStoreKind {
  /** In the hub's database, sealed under HUB_MASTER_KEY. */
  DATABASE = 'DATABASE',
  /** In a PKCS#11 token (a hardware security module); the row names it. */
  PKCS11 = 'PKCS11',
}

/** The columns of a signing key row a key store reads back to reach the key. */
export interface StoredKeyReference {
  id: string;
  keyStore: KeyStoreKind;
  publicKeySpki: Buffer;
  encryptedPrivateKey: Buffer | null;
  privateKeyIv: Buffer | null;
  privateKeySalt: Buffer | null;
  privateKeyTag: Buffer | null;
  privateKeyKdf: string | null;
  privateKeyVersion: number | null;
  tokenLabel: string | null;
  tokenKeyId: Buffer | null;
}

/** What a key store writes into a new key's row: the sealed key, or the token's reference to it. */
export type KeyStoreColumns = Partial<Omit<StoredKeyReference, 'id' | 'publicKeySpki'>> & { keyStore: KeyStoreKind };

export interface GeneratedKey {
  handle: KeyHandle;
  publicKey: KeyObject;
  columns: KeyStoreColumns;
}

/**
 * The key store: one interface, two implementations (the database, sealed under the master key; a
 * PKCS#11 token). A key is generated where it will live, and every signature, the CSR's included, is
 * made through the handle it opens.
 */
export abstract class KeyStore {
  abstract readonly kind: KeyStoreKind;
  /** Refuses early, before any work, when this store cannot keep keys. */
  abstract assertAvailable(): void;
  /** A new RSA key pair for the row `id`, kept by this store. */
  abstract generate(id: string, bits: RsaKeyBits): Promise<GeneratedKey>;
  /** Undoes `generate` for a key whose row was never stored, so nothing is left behind. */
  abstract discard(columns: KeyStoreColumns): Promise<void>;
  /** The handle of a stored key, to sign with. */
  abstract open(row: StoredKeyReference): Promise<KeyHandle>;
}
