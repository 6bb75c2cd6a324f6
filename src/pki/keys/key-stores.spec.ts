import { PkiErrorCode } from '../pki.error';
import { KeyVault } from '../signing/key-vault';
import { DatabaseKeyStore } from './database-key-store';
import { KeyStoreKind, StoredKeyReference } from './key-store.interface';
import { KeyStores } from './key-stores';
import { Pkcs11KeyStore } from './pkcs11/pkcs11-key-store';

const MASTER_KEY = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
const withCode = (code: PkiErrorCode) => expect.objectContaining({ name: 'PkiError', code });

function stores(pkcs11Configured: boolean): KeyStores {
  const database = new DatabaseKeyStore(new KeyVault({ masterKey: MASTER_KEY, masterKeyVersion: 1 }));
  const pkcs11 = new Pkcs11KeyStore({ pkcs11: pkcs11Configured ? { library: '/nonexistent/libpkcs11.so', tokenLabel: 'ecoo-hub', pin: '1234' } : undefined });
  return new KeyStores(database, pkcs11);
}

describe('KeyStores', () => {
  it('puts a new key in the token when one is configured, else in the database, unless told otherwise', () => {
    expect(stores(false).forNewKey().kind).toBe(KeyStoreKind.DATABASE);
    expect(stores(true).forNewKey().kind).toBe(KeyStoreKind.PKCS11);
    expect(stores(true).forNewKey(KeyStoreKind.DATABASE).kind).toBe(KeyStoreKind.DATABASE);
  });

  it('refuses a token key where no token is configured: PKCS11_NOT_CONFIGURED for a new one, SIGNING_KEY_UNAVAILABLE to sign', async () => {
    expect(() => stores(false).forNewKey(KeyStoreKind.PKCS11)).toThrow(withCode(PkiErrorCode.PKCS11_NOT_CONFIGURED));
    const row = { id: 'k1', keyStore: KeyStoreKind.PKCS11, tokenLabel: 'ecoo-hub', tokenKeyId: Buffer.alloc(16, 1) } as StoredKeyReference;
    await expect(stores(false).open(row)).rejects.toThrow(withCode(PkiErrorCode.SIGNING_KEY_UNAVAILABLE));
    await expect(stores(false).open(row)).rejects.toThrow(/kept in the PKCS#11 token "ecoo-hub", and this process has no HUB_PKCS11_LIBRARY/);
  });

  it('says which library could not be loaded, without the PIN', async () => {
    const row = { id: 'k1', keyStore: KeyStoreKind.PKCS11, tokenLabel: 'ecoo-hub', tokenKeyId: Buffer.alloc(16, 1) } as StoredKeyReference;
    const opening = stores(true).open(row);
    await expect(opening).rejects.toThrow(withCode(PkiErrorCode.PKCS11_UNAVAILABLE));
    await expect(stores(true).open(row)).rejects.toThrow(/cannot load the PKCS#11 library \/nonexistent\/libpkcs11.so/);
    await expect(stores(true).open(row)).rejects.not.toThrow(/1234/);
  });
});
