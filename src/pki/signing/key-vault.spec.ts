import { generateRsaKeyPairSync } from '../crypto/keys';
import { PkiErrorCode } from '../pki.error';
import { KeyVault } from './key-vault';

const MASTER_KEY = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
const withCode = (code: PkiErrorCode) => expect.objectContaining({ name: 'PkiError', code });

describe('KeyVault', () => {
  const { privateKey } = generateRsaKeyPairSync(2048);

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

  it('names the master key version a record needs when the hub holds another', () => {
    const sealed = new KeyVault({ masterKey: MASTER_KEY, masterKeyVersion: 1 }).seal(privateKey, 'key-1');
    const rotated = new KeyVault({ masterKey: MASTER_KEY, masterKeyVersion: 2 });
    expect(() => rotated.open(sealed, 'key-1')).toThrow(/sealed under master key version 1, but this hub holds version 2/);
  });
});
