import { MasterKeyRing } from '../../core/secrets/master-key-ring';
import { openSecret as openSealed, openWithKey, sealSecret as seal, sealWithKey } from '../../core/secrets/secret-box';

// Partner credentials at rest (the bearer token this hub presents to a partner), sealed by core's
// secret box under a purpose of their own; the context is the partner code, so a value copied to
// another partner does not open.

const PURPOSE = 'partner-secret';

export function sealSecret(secret: string, masterKey: string, context: string): Buffer {
  return sealWithKey(secret, masterKey, PURPOSE, context);
}

export function openSecret(sealed: Buffer, masterKey: string, context: string): string {
  return openWithKey(sealed, masterKey, PURPOSE, context);
}

/** Sealed under the current master key (HUB_MASTER_KEY), with the id of that key for the row. */
export function sealPartnerSecret(secret: string, ring: MasterKeyRing, context: string): { sealed: Buffer; keyId: string } {
  return seal(secret, ring, PURPOSE, context);
}

/** Opened with the key the row names (either key held for a row sealed before ids were stored); MasterKeyUnavailableError otherwise. */
export function openPartnerSecret(sealed: Buffer, keyId: string | null | undefined, ring: MasterKeyRing, context: string): string {
  return openSealed(sealed, keyId, ring, PURPOSE, context);
}
