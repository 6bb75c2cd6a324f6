import type { AuditContent, AuditRecord } from './domain/audit-chain';

// The hashed fields of an entry as SQL selects them: occurred_at formatted by the database exactly as
// the hash material has it (UTC, microseconds), since a JavaScript Date would lose the microseconds.
export const AUDIT_CONTENT_COLUMNS = `id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  actor, action, entity_type, entity_id, payload`;

export function toAuditContent(row: Record<string, unknown>): AuditContent {
  return {
    id: String(row.id),
    occurredAt: String(row.occurred_at),
    actor: String(row.actor),
    action: String(row.action),
    entityType: String(row.entity_type),
    entityId: (row.entity_id as string | null) ?? null,
    payload: String(row.payload),
  };
}

export function toAuditRecord(row: Record<string, unknown>): AuditRecord {
  return { ...toAuditContent(row), seq: String(row.seq), prevHash: String(row.prev_hash), hash: String(row.hash) };
}
