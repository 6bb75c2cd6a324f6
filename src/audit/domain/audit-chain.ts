import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** What a writer appends: everything the hash covers but the entry's place in the chain. */
export interface AuditContent {
  id: string;
  /** UTC, microseconds: `2026-11-27T08:00:01.123456Z` (as the database formats it). */
  occurredAt: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  payload: string;
}

/** An entry in its place in the chain. */
export interface AuditRecord extends AuditContent {
  seq: string;
  prevHash: string;
  hash: string;
}

/** The last chained entry: where the next one hooks on. */
export interface ChainHead {
  seq: string;
  hash: string;
}

// Each field is written as `<UTF-8 byte length>:<value>` (null as `-1:`), so no choice of values can
// make two different entries hash alike. The database computes the same material (audit_entry_hash,
// AuditSequencer migration; audit_log_chain before it) and refuses a chain hash that differs from
// its own, so the two must change together.
function field(value: string | null): string {
  return value === null ? '-1:' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

/** The hash of an entry binds its sequence number and content to the hash of the entry before it. */
export function auditEntryHash(entry: Omit<AuditRecord, 'hash'>): string {
  const material = [entry.prevHash, entry.seq, entry.id, entry.occurredAt, entry.actor, entry.action, entry.entityType, entry.entityId, entry.payload]
    .map(field)
    .join('|');
  return createHash('sha256').update(material, 'utf8').digest('hex');
}

/**
 * Gives entries the places after `head` (none: the chain starts), in the order given, each hashed
 * with the one before it. Sequence numbers are decimal strings: PostgreSQL bigints.
 */
export function chainAfter(head: ChainHead | null, entries: readonly AuditContent[]): AuditRecord[] {
  let seq = head ? BigInt(head.seq) : 0n;
  let prevHash = head ? head.hash : GENESIS_HASH;
  return entries.map((content) => {
    seq += 1n;
    const unsealed = { ...content, seq: seq.toString(), prevHash };
    const record = { ...unsealed, hash: auditEntryHash(unsealed) };
    prevHash = record.hash;
    return record;
  });
}

export interface ChainBreak {
  seq: string;
  id: string;
  reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP';
  message: string;
}

/**
 * Walks entries in sequence order from `prevHash` (the hash of entry `prevSeq`) and returns the first
 * broken link: an entry changed after the fact (its hash no longer matches its content), an entry
 * missing or moved (its prevHash no longer names the entry before it), or a number skipped (an entry
 * removed and the rest hashed again).
 */
export function findChainBreak(entries: Iterable<AuditRecord>, prevHash = GENESIS_HASH, prevSeq = '0'): { break?: ChainBreak; lastHash: string; count: number } {
  let previous = prevHash;
  let expectedSeq = BigInt(prevSeq) + 1n;
  let count = 0;
  for (const entry of entries) {
    if (entry.prevHash !== previous) {
      return {
        break: { seq: entry.seq, id: entry.id, reason: 'PREV_HASH_MISMATCH', message: `entry ${entry.seq} does not follow the entry before it (deleted or reordered entries)` },
        lastHash: previous,
        count,
      };
    }
    if (entry.seq !== expectedSeq.toString()) {
      return {
        break: { seq: entry.seq, id: entry.id, reason: 'SEQUENCE_GAP', message: `entry ${entry.seq} comes where entry ${expectedSeq} should (entries removed and the rest hashed again)` },
        lastHash: previous,
        count,
      };
    }
    if (auditEntryHash(entry) !== entry.hash) {
      return {
        break: { seq: entry.seq, id: entry.id, reason: 'HASH_MISMATCH', message: `entry ${entry.seq} was altered after it was written` },
        lastHash: previous,
        count,
      };
    }
    previous = entry.hash;
    expectedSeq += 1n;
    count += 1;
  }
  return { lastHash: previous, count };
}
