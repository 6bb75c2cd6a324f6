/** Who a signing key or trust anchor belongs to: a registered authority, or this hub node itself. */
export enum KeyOwnerType {
  AUTHORITY = 'AUTHORITY',
  NODE = 'NODE',
  /** Trust anchors only: the CAs that partner nodes' certificates must chain to (no key has this owner). */
  PARTNER_NODES = 'PARTNER_NODES',
}

export type KeyOwner = { type: KeyOwnerType.AUTHORITY; authorityId: string; code: string } | { type: KeyOwnerType.NODE };

export const NODE_OWNER: KeyOwner = { type: KeyOwnerType.NODE };

/** Whose trust anchor: a key owner's, or the partner nodes'. */
export type AnchorOwner = KeyOwner | { type: KeyOwnerType.PARTNER_NODES };

export const PARTNER_NODES_OWNER: AnchorOwner = { type: KeyOwnerType.PARTNER_NODES };

export function anchorOwnerLabel(owner: AnchorOwner): string {
  return owner.type === KeyOwnerType.PARTNER_NODES ? 'partner nodes' : ownerLabel(owner);
}

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
