import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { assertMasterKey } from '../../core/config/master-key';
import { MasterKeyRing } from '../../core/secrets/master-key-ring';

// Partner credentials at rest (the bearer token this hub presents to a partner): AES-256-GCM under a
// key derived from HUB_MASTER_KEY with HKDF-SHA256 and a random salt per value, as the signing keys
// are (pki/crypto/key-encryption.ts), with an info label of its own so the two never share a key.
// Layout: version (1 byte) | salt (16) | iv (12) | tag (16) | ciphertext. The context (the partner
// code) is bound as associated data, so a value copied to another partner does not open.

const VERSION = 1;
const SALT = 16;
const IV = 12;
const TAG = 16;

function deriveKey(masterKey: string, salt: Buffer, version: number): Buffer {
  return Buffer.from(hkdfSync('sha256', assertMasterKey(masterKey), salt, `ecoo-hub/partner-secret/hkdf-sha256/v${version}`, 32));
}

function aad(version: number, context: string): Buffer {
  return Buffer.from(`ecoo-hub/partner-secret/v${version}/${context}`, 'utf8');
}

export function sealSecret(secret: string, masterKey: string, context: string): Buffer {
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(masterKey, salt, VERSION), iv);
  cipher.setAAD(aad(VERSION, context));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), salt, iv, cipher.getAuthTag(), ciphertext]);
}

export function openSecret(sealed: Buffer, masterKey: string, context: string): string {
  const version = sealed[0];
  if (version !== VERSION || sealed.length < 1 + SALT + IV + TAG) throw new Error('not a sealed partner secret of a known version');
  const salt = sealed.subarray(1, 1 + SALT);
  const iv = sealed.subarray(1 + SALT, 1 + SALT + IV);
  const tag = sealed.subarray(1 + SALT + IV, 1 + SALT + IV + TAG);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(masterKey, salt, version), iv);
  decipher.setAAD(aad(version, context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + SALT + IV + TAG)), decipher.final()]).toString('utf8');
}

/** Sealed under the current master key (HUB_MASTER_KEY), with the id of that key for the row. */
export function sealPartnerSecret(secret: string, ring: MasterKeyRing, context: string): { sealed: Buffer; keyId: string } {
  const key = ring.sealing();
  return { sealed: sealSecret(secret, key.text, context), keyId: key.id };
}

/** Opened with the key the row names (either key held for a row sealed before ids were stored); MasterKeyUnavailableError otherwise. */
export function openPartnerSecret(sealed: Buffer, keyId: string | null | undefined, ring: MasterKeyRing, context: string): string {
  return ring.open(keyId, (key) => openSecret(sealed, key.text, context)).value;
}
