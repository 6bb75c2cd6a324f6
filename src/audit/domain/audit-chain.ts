import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  seq: string;
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  payload: string;
  prevHash: string;
  hash: string;
}

export type AuditContent = Pick<AuditRecord, 'id' | 'occurredAt' | 'actor' | 'action' | 'entityType' | 'entityId' | 'payload'>;

/** The hash of an entry binds its content to the hash of the entry before it. */
export function auditEntryHash(prevHash: string, content: AuditContent): string {
  const material = canonicalize({
    prev: prevHash,
    id: content.id,
    at: content.occurredAt.toISOString(),
    actor: content.actor,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    payload: content.payload,
  });
  return createHash('sha256').update(material, 'utf8').digest('hex');
}

export interface ChainBreak {
  seq: string;
  id: string;
  reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH';
  message: string;
}

/**
 * Walks entries in sequence order from `prevHash` and returns the first broken link: an entry
 * changed after the fact (its hash no longer matches its content) or an entry missing or moved
 * (its prevHash no longer names the entry before it).
 */
export function findChainBreak(entries: Iterable<AuditRecord>, prevHash = GENESIS_HASH): { break?: ChainBreak; lastHash: string; count: number } {
  let previous = prevHash;
  let count = 0;
  for (const entry of entries) {
    if (entry.prevHash !== previous) {
      return {
        break: { seq: entry.seq, id: entry.id, reason: 'PREV_HASH_MISMATCH', message: `entry ${entry.seq} does not follow the entry before it (deleted or reordered entries)` },
        lastHash: previous,
        count,
      };
    }
    if (auditEntryHash(entry.prevHash, entry) !== entry.hash) {
      return {
        break: { seq: entry.seq, id: entry.id, reason: 'HASH_MISMATCH', message: `entry ${entry.seq} was altered after it was written` },
        lastHash: previous,
        count,
      };
    }
    previous = entry.hash;
    count += 1;
  }
  return { lastHash: previous, count };
}
