import { PkiErrorCode } from '../pki.error';
import { KeyVault } from './key-vault';
import { testKeyPair } from '../../../test/support/key-pool';

const MASTER_KEY = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
const NEW_MASTER_KEY = '5e0b7c2d9a4f1863e7d2c5b8a1f4e7d0c3b6a9f2e5d8c1b4a7f0e3d6c9b2a5f8';
const withCode = (code: PkiErrorCode) => expect.objectContaining({ name: 'PkiError', code });

describe('KeyVault', () => {
  const { privateKey } = testKeyPair();

  it('seals a private key under the master key and opens it for the same key id only', () => {
    const vault = new KeyVault({ masterKey: MASTER_KEY, masterKeyVersion: 2 });
    const sealed = vault.seal(privateKey, 'key-1');
    expect(sealed).toMatchObject({ privateKeyKdf: 'hkdf-sha256', privateKeyVersion: 2 });
    expect(sealed.encryptedPrivateKey.includes(privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(0, 32))).toBe(false);
    const opened = vault.open(sealed, 'key-1');
    expect(opened.equals(privateKey)).toBe(true);
    // Ciphertext moved to another record does not open.
    expect(() => vault.open(sealed, 'key-2')).toThrow(withCode(PkiErrorCode.SIGNING_KEY_UNAVAILABLE));
  });

  it('refuses to seal or open without HUB_MASTER_KEY, saying why', () => {
    const sealed = new KeyVault({ masterKey: MASTER_KEY, masterKeyVersion: 1 }).seal(privateKey, 'key-1');
    const keyless = new KeyVault({ masterKey: undefined, masterKeyVersion: 1 });
    expect(() => keyless.seal(privateKey, 'key-1')).toThrow(withCode(PkiErrorCode.MASTER_KEY_NOT_CONFIGURED));
    expect(() => keyless.open(sealed, 'key-1')).toThrow(/HUB_MASTER_KEY is not set/);
  });

  it('opens a key sealed under the previous master key during a rotation, by the key id the record names', () => {
    const sealed = new KeyVault({ masterKey: MASTER_KEY, masterKeyVersion: 1 }).seal(privateKey, 'key-1');
    expect(sealed.privateKeyMasterKeyId).toMatch(/^[0-9a-f]{16}$/);
    const rotating = new KeyVault({ masterKey: NEW_MASTER_KEY, masterKeyPrevious: MASTER_KEY, masterKeyVersion: 1 });
    expect(rotating.open(sealed, 'key-1').equals(privateKey)).toBe(true);
    // What it seals now is under the new key, another id.
    expect(rotating.seal(privateKey, 'key-1').privateKeyMasterKeyId).not.toBe(sealed.privateKeyMasterKeyId);
    const rotated = new KeyVault({ masterKey: NEW_MASTER_KEY, masterKeyVersion: 1 });
    expect(() => rotated.open(sealed, 'key-1')).toThrow(new RegExp(`sealed under master key ${sealed.privateKeyMasterKeyId}, which this process does not hold`));
  });

  it('opens a key sealed before master key ids were stored with whichever key held opens it', () => {
    const { privateKeyMasterKeyId: _named, ...unnamed } = new KeyVault({ masterKey: MASTER_KEY, masterKeyVersion: 3 }).seal(privateKey, 'key-1');
    expect(new KeyVault({ masterKey: NEW_MASTER_KEY, masterKeyPrevious: MASTER_KEY, masterKeyVersion: 1 }).open(unnamed, 'key-1').equals(privateKey)).toBe(true);
    expect(() => new KeyVault({ masterKey: NEW_MASTER_KEY, masterKeyVersion: 1 }).open(unnamed, 'key-1')).toThrow(withCode(PkiErrorCode.SIGNING_KEY_UNAVAILABLE));
  });
});
