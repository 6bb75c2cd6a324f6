import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { AuditAction } from './audit-action';
import { AuditRecord, GENESIS_HASH, auditEntryHash, findChainBreak } from './domain/audit-chain';
import { AuditEntryEntity } from './entities/audit-entry.entity';

// One lock for the whole chain: an entry's predecessor is the last entry committed before it, so
// writers take the lock in the transaction that appends and hold it until commit.
const AUDIT_CHAIN_LOCK = 0x45434f4f; // "ECOO"

export interface AuditInput {
  actor: string;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: string; id: string; reason: string; message: string };
}

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends entries inside the caller's transaction. Call it as the last write of the transaction:
   * the chain lock is held from here to commit.
   */
  async append(manager: EntityManager, inputs: AuditInput | AuditInput[]): Promise<void> {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length === 0) return;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last: { hash: string }[] = await manager.query('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    let prevHash = last[0]?.hash ?? GENESIS_HASH;
    const rows: AuditEntryEntity[] = [];
    const occurredAt = this.clock.now();
    for (const input of list) {
      const content = {
        id: randomUUID(),
        occurredAt,
        actor: input.actor,
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId ?? null,
        payload: canonicalize(input.details ?? {}),
      };
      const hash = auditEntryHash(prevHash, content);
      rows.push(Object.assign(new AuditEntryEntity(), content, { prevHash, hash }));
      prevHash = hash;
    }
    const values: unknown[] = [];
    const tuples = rows.map((row, i) => {
      values.push(row.id, row.occurredAt, row.actor, row.action, row.entityType, row.entityId, row.payload, row.prevHash, row.hash);
      const base = i * 9;
      return `(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
    });
    await manager.query(
      `INSERT INTO audit_log (id, occurred_at, actor, action, entity_type, entity_id, payload, prev_hash, hash) VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /** Appends in a transaction of its own (reads, which change nothing else). */
  async record(input: AuditInput | AuditInput[]): Promise<void> {
    await this.dataSource.transaction((manager) => this.append(manager, input));
  }

  /** Recomputes the whole chain in sequence order, in pages, and names the first broken entry. */
  async verify(pageSize = 5000): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let afterSeq = '0';
    let checked = 0;
    for (;;) {
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT seq::text AS seq, id, occurred_at, actor, action, entity_type, entity_id, payload, prev_hash, hash
           FROM audit_log WHERE audit_log.seq > $1 ORDER BY audit_log.seq LIMIT $2`,
        [afterSeq, pageSize],
      );
      if (rows.length === 0) return { ok: true, checked };
      const records: AuditRecord[] = rows.map((r) => ({
        seq: String(r.seq),
        id: String(r.id),
        occurredAt: new Date(r.occurred_at as string),
        actor: String(r.actor),
        action: String(r.action),
        entityType: String(r.entity_type),
        entityId: (r.entity_id as string | null) ?? null,
        payload: String(r.payload),
        prevHash: String(r.prev_hash),
        hash: String(r.hash),
      }));
      const result = findChainBreak(records, prevHash);
      checked += result.count;
      if (result.break) return { ok: false, checked, firstBroken: result.break };
      prevHash = result.lastHash;
      afterSeq = records[records.length - 1].seq;
    }
  }
}
