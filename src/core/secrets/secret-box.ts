import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { assertMasterKey } from '../config/master-key';
import { MasterKeyRing } from './master-key-ring';

// A short secret at rest (a bearer token, a webhook signing secret): AES-256-GCM under a key derived
// from the master key with HKDF-SHA256 (RFC 5869) and a random salt per value. The purpose (one per
// kind of secret, "partner-secret") is in the HKDF info, so two kinds never share a key; the
// context (the owner's code or id) is bound as associated data, so a value copied to another row
// does not open. Layout: version (1 byte) | salt (16) | iv (12) | tag (16) | ciphertext.
// The master key's id goes in a column beside the value (core/secrets/sealed-secrets.ts).

const VERSION = 1;
const SALT = 16;
const IV = 12;
const TAG = 16;

function deriveKey(masterKey: string, purpose: string, salt: Buffer, version: number): Buffer {
  return Buffer.from(hkdfSync('sha256', assertMasterKey(masterKey), salt, `ecoo-hub/${purpose}/hkdf-sha256/v${version}`, 32));
}

function aad(purpose: string, version: number, context: string): Buffer {
  return Buffer.from(`ecoo-hub/${purpose}/v${version}/${context}`, 'utf8');
}

/** Sealed under the master key given as text (HUB_MASTER_KEY's value). */
export function sealWithKey(secret: string, masterKey: string, purpose: string, context: string): Buffer {
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(masterKey, purpose, salt, VERSION), iv);
  cipher.setAAD(aad(purpose, VERSION, context));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), salt, iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the key, the purpose or the context is not the one it was sealed with, or the value was altered. */
export function openWithKey(sealed: Buffer, masterKey: string, purpose: string, context: string): string {
  const version = sealed[0];
  if (version !== VERSION || sealed.length < 1 + SALT + IV + TAG) throw new Error(`not a sealed ${purpose} of a known version`);
  const salt = sealed.subarray(1, 1 + SALT);
  const iv = sealed.subarray(1 + SALT, 1 + SALT + IV);
  const tag = sealed.subarray(1 + SALT + IV, 1 + SALT + IV + TAG);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(masterKey, purpose, salt, version), iv);
  decipher.setAAD(aad(purpose, version, context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + SALT + IV + TAG)), decipher.final()]).toString('utf8');
}

/** Sealed under the current master key (HUB_MASTER_KEY), with that key's id for the row. */
export function sealSecret(secret: string, ring: MasterKeyRing, purpose: string, context: string): { sealed: Buffer; keyId: string } {
  const key = ring.sealing();
  return { sealed: sealWithKey(secret, key.text, purpose, context), keyId: key.id };
}

/** Opened with the key the row names (either key held for a value stored before ids were); MasterKeyUnavailableError otherwise. */
export function openSecret(sealed: Buffer, keyId: string | null | undefined, ring: MasterKeyRing, purpose: string, context: string): string {
  return ring.open(keyId, (key) => openWithKey(sealed, key.text, purpose, context)).value;
}
