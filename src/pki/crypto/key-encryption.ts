import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readMasterKey } from '../../core/config/master-key';
import { PkiCryptoError, PkiCryptoErrorCode } from './pki-crypto.error';

// Private keys at rest: AES-256-GCM under a key derived from HUB_MASTER_KEY with HKDF-SHA256 (RFC 5869)
// and a random salt per record. The key version names which master key a record was sealed under, so
// master keys can be rotated; it is bound into the HKDF info and the GCM associated data.

export const KEY_ENCRYPTION_KDF = 'hkdf-sha256';

export interface EncryptedPrivateKey {
  ciphertext: Buffer;
  iv: Buffer;
  salt: Buffer;
  tag: Buffer;
  kdf: typeof KEY_ENCRYPTION_KDF;
  keyVersion: number;
}

// The master key decoded as core reads it; a weak one is this module's WEAK_MASTER_KEY.
export function assertMasterKey(value: string | undefined): Buffer {
  const reading = readMasterKey(value);
  if (!reading.ok) throw new PkiCryptoError(PkiCryptoErrorCode.WEAK_MASTER_KEY, reading.problem);
  return reading.bytes;
}

function deriveKey(masterKey: string, salt: Buffer, keyVersion: number): Buffer {
  const info = `ecoo-hub/private-key/${KEY_ENCRYPTION_KDF}/v${keyVersion}`;
  return Buffer.from(hkdfSync('sha256', assertMasterKey(masterKey), salt, info, 32));
}

function associatedData(keyVersion: number, context?: string): Buffer {
  return Buffer.from(`ecoo-hub/private-key/${KEY_ENCRYPTION_KDF}/v${keyVersion}/${context ?? ''}`, 'utf8');
}

// `context` (for example the key's record id) is bound as associated data, so a ciphertext moved to
// another record does not decrypt.
export function encryptPrivateKey(
  pkcs8Der: Buffer,
  masterKey: string,
  keyVersion: number,
  context?: string,
): EncryptedPrivateKey {
  if (!Number.isInteger(keyVersion) || keyVersion < 1) {
    throw new PkiCryptoError(PkiCryptoErrorCode.INVALID_ARGUMENT, 'keyVersion must be a positive integer');
  }
  const salt = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(masterKey, salt, keyVersion), iv);
  cipher.setAAD(associatedData(keyVersion, context));
  const ciphertext = Buffer.concat([cipher.update(pkcs8Der), cipher.final()]);
  return { ciphertext, iv, salt, tag: cipher.getAuthTag(), kdf: KEY_ENCRYPTION_KDF, keyVersion };
}

export function decryptPrivateKey(record: EncryptedPrivateKey, masterKey: string, context?: string): Buffer {
  if (record.kdf !== KEY_ENCRYPTION_KDF) {
    throw new PkiCryptoError(PkiCryptoErrorCode.UNSUPPORTED_KDF, `unsupported key derivation "${String(record.kdf)}"`);
  }
  const key = deriveKey(masterKey, record.salt, record.keyVersion);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, record.iv);
    decipher.setAAD(associatedData(record.keyVersion, context));
    decipher.setAuthTag(record.tag);
    return Buffer.concat([decipher.update(record.ciphertext), decipher.final()]);
  } catch (error) {
    throw new PkiCryptoError(
      PkiCryptoErrorCode.KEY_DECRYPTION_FAILED,
      `cannot decrypt private key (key version ${record.keyVersion}): wrong master key, or the record was altered`,
      { cause: error },
    );
  }
}
