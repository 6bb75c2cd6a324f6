import { randomBytes } from 'node:crypto';
import { assertMasterKey, decryptPrivateKey, encryptPrivateKey } from './key-encryption';
import { exportPrivateKeyPkcs8, importPrivateKeyPkcs8 } from './keys';
import { PkiCryptoErrorCode } from './pki-crypto.error';
import { testKeyPair } from '../../../test/support/key-pool';

const MASTER_KEY = 'b3f1c2d4e5a69788f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f7081';
const OTHER_MASTER_KEY = randomBytes(32).toString('base64');

const withCode = (code: PkiCryptoErrorCode) => expect.objectContaining({ name: 'PkiCryptoError', code });

describe('private key encryption at rest', () => {
  let pkcs8: Buffer;

  beforeAll(() => {
    pkcs8 = exportPrivateKeyPkcs8(testKeyPair().privateKey);
  });

  it('round-trips a PKCS#8 key and names the KDF and key version', () => {
    const record = encryptPrivateKey(pkcs8, MASTER_KEY, 3, 'key-7f1c');

    expect(record).toMatchObject({ kdf: 'hkdf-sha256', keyVersion: 3 });
    expect([record.iv.length, record.salt.length, record.tag.length]).toEqual([12, 32, 16]);
    expect(record.ciphertext.includes(pkcs8.subarray(0, 64))).toBe(false);
    const decrypted = decryptPrivateKey(record, MASTER_KEY, 'key-7f1c');
    expect(decrypted.equals(pkcs8)).toBe(true);
    expect(importPrivateKeyPkcs8(decrypted).asymmetricKeyType).toBe('rsa');
  });

  it('uses a fresh salt and IV for every record', () => {
    const first = encryptPrivateKey(pkcs8, MASTER_KEY, 1);
    const second = encryptPrivateKey(pkcs8, MASTER_KEY, 1);

    expect(first.salt.equals(second.salt)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
  });

  it('refuses a wrong master key with KEY_DECRYPTION_FAILED', () => {
    const record = encryptPrivateKey(pkcs8, MASTER_KEY, 1);

    expect(() => decryptPrivateKey(record, OTHER_MASTER_KEY)).toThrow(withCode(PkiCryptoErrorCode.KEY_DECRYPTION_FAILED));
  });

  it('refuses an altered ciphertext, a moved record or a changed key version', () => {
    const record = encryptPrivateKey(pkcs8, MASTER_KEY, 1, 'key-a');
    const flipped = Buffer.from(record.ciphertext);
    flipped[10] ^= 1;

    expect(() => decryptPrivateKey({ ...record, ciphertext: flipped }, MASTER_KEY, 'key-a')).toThrow(withCode(PkiCryptoErrorCode.KEY_DECRYPTION_FAILED));
    expect(() => decryptPrivateKey(record, MASTER_KEY, 'key-b')).toThrow(withCode(PkiCryptoErrorCode.KEY_DECRYPTION_FAILED));
    expect(() => decryptPrivateKey({ ...record, keyVersion: 2 }, MASTER_KEY, 'key-a')).toThrow(withCode(PkiCryptoErrorCode.KEY_DECRYPTION_FAILED));
  });

  it('refuses a record sealed with an unknown KDF', () => {
    const record = encryptPrivateKey(pkcs8, MASTER_KEY, 1);

    expect(() => decryptPrivateKey({ ...record, kdf: 'scrypt' as 'hkdf-sha256' }, MASTER_KEY)).toThrow(withCode(PkiCryptoErrorCode.UNSUPPORTED_KDF));
  });

  describe('assertMasterKey', () => {
    it('accepts 64 hex characters and 44 base64 characters', () => {
      expect(assertMasterKey(MASTER_KEY)).toHaveLength(32);
      expect(assertMasterKey(OTHER_MASTER_KEY)).toHaveLength(32);
    });

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['a password', 'hunter2hunter2hunter2'],
      ['16 bytes of hex', 'b3f1c2d4e5a69788f0e1d2c3b4a59687'],
      ['an odd number of hex characters', MASTER_KEY.slice(1)],
      ['a repeated pattern', '0123456789abcdef'.repeat(4)],
      ['all zeros', '00'.repeat(32)],
    ])('refuses %s with a message that says what is needed', (_case, value) => {
      expect(() => assertMasterKey(value)).toThrow(withCode(PkiCryptoErrorCode.WEAK_MASTER_KEY));
      expect(() => assertMasterKey(value)).toThrow(/64 hex characters or 44 base64 characters/);
    });
  });
});
