/** Who a signing key or trust anchor belongs to: a registered authority, or this hub node itself. */
export enum KeyOwnerType {
  AUTHORITY = 'AUTHORITY',
  NODE = 'NODE',
}

export type KeyOwner = { type: KeyOwnerType.AUTHORITY; authorityId: string; code: string } | { type: KeyOwnerType.NODE };

export const NODE_OWNER: KeyOwner = { type: KeyOwnerType.NODE };

export function ownerLabel(owner: KeyOwner): string {
  return owner.type === KeyOwnerType.NODE ? 'node' : `authority:${owner.code}`;
}

/** A stable 32-bit number per owner, for a transaction-scoped advisory lock on its keys. */
export function ownerLockKey(owner: KeyOwner): number {
  const text = owner.type === KeyOwnerType.NODE ? 'pki-owner:node' : `pki-owner:${owner.authorityId}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
