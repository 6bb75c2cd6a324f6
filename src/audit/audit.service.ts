import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../core/clock/clock';
import type { SqlStatement } from '../core/unit-of-work/effects';
import { AuditAction } from './audit-action';
import { AUDIT_CONTENT_COLUMNS, toAuditRecord } from './audit-rows';
import { GENESIS_HASH, findChainBreak } from './domain/audit-chain';

export interface AuditInput {
  actor: string;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * A read and the entries that record it, to be sent as one statement (AuditService.readRecorded).
 * `read` is a SELECT with placeholders from $1; each row it answers names the entry's entity in the
 * column `entityIdColumn`, and says in the boolean column `recordColumn` whether its read is recorded.
 */
export interface RecordedRead {
  read: SqlStatement;
  /** Who read: one caller for every row, or (`{ column }`) each row's own, a column of the read (a group of callers' reads). */
  actor: string | { column: string };
  action: AuditAction;
  entityType: string;
  entityIdColumn: string;
  recordColumn: string;
  /** The entry's details: each key's value is the read's column of that name. */
  detailColumns: Readonly<Record<string, string>>;
}

/** The column readRecorded adds to each row read: whether its entry was appended in the same statement. */
export const READ_RECORDED = 'audit_read_recorded';

const COLUMN = /^[a-z_][a-z0-9_]*$/;

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
   * Appends entries inside the caller's transaction, content only: no lock beyond the new rows' own.
   * They wait unchained until the sequencer (a worker) gives them their place in the chain, within
   * HUB_AUDIT_MAX_DELAY_MS of the commit.
   */
  async append(manager: EntityManager, inputs: AuditInput | AuditInput[]): Promise<void> {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length === 0) return;
    const statement = this.appendStatement(list);
    await manager.query(statement.text, statement.values);
  }

  /** The entries' INSERT, for the unit of work to send in the same statement as the change they record. */
  appendStatement(list: readonly AuditInput[]): SqlStatement {
    const occurredAt = this.clock.now();
    const values: unknown[] = [];
    const tuples = list.map((input, i) => {
      values.push(randomUUID(), occurredAt, input.actor, input.action, input.entityType, input.entityId ?? null, canonicalize(input.details ?? {}));
      return `(${Array.from({ length: 7 }, (_, k) => `$${i * 7 + k + 1}`).join(', ')})`;
    });
    return { text: `INSERT INTO audit_log (id, occurred_at, actor, action, entity_type, entity_id, payload) VALUES ${tuples.join(', ')}`, values };
  }

  /**
   * The entries of a group of changes, as a part of the statement that makes them: one entry for each
   * row of `rows`, an earlier part (a CTE) of that statement whose columns `actor`, `entity_id` and
   * `payload` give the entry (`payload`: its details as canonical JSON, RFC 8785, made with
   * canonicalize as appendStatement makes it). Placeholders from $`first`.
   */
  appendFromRows(rows: string, action: AuditAction, entityType: string, first: number): SqlStatement {
    if (!COLUMN.test(rows)) throw new Error(`Not a plain name: ${rows}`);
    const text =
      `INSERT INTO audit_log (id, occurred_at, actor, action, entity_type, entity_id, payload) ` +
      `SELECT gen_random_uuid(), $${first}::timestamptz, r.actor, $${first + 1}::text, $${first + 2}::text, r.entity_id::text, r.payload FROM ${rows} r`;
    return { text, values: [this.clock.now(), action, entityType] };
  }

  /**
   * The read and its entries in one data-modifying statement, one round trip committed on its own
   * (issue 14): the rows the read answers, each with READ_RECORDED true when its entry was appended.
   * The entries' payload is the canonical JSON (RFC 8785) of the detail columns, built by PostgreSQL
   * from the row read, as appendStatement's canonicalize would build it: keys in order, no spaces.
   */
  readRecorded(recorded: RecordedRead): SqlStatement {
    const actorColumn = typeof recorded.actor === 'string' ? undefined : recorded.actor.column;
    const columns = [recorded.entityIdColumn, recorded.recordColumn, ...Object.values(recorded.detailColumns), ...(actorColumn ? [actorColumn] : [])];
    const bad = columns.find((c) => !COLUMN.test(c));
    if (bad) throw new Error(`Not a plain column name: ${bad}`);
    const n = recorded.read.values.length;
    const keys = Object.keys(recorded.detailColumns).sort();
    const payload = keys.length
      ? keys.map((key, i) => `'${i === 0 ? '{' : ','}${JSON.stringify(key).replace(/'/g, "''")}:' || COALESCE(to_json(r.${recorded.detailColumns[key]})::text, 'null')`).join(' || ') + ` || '}'`
      : `'{}'`;
    const insert =
      `INSERT INTO audit_log (id, occurred_at, actor, action, entity_type, entity_id, payload) ` +
      `SELECT gen_random_uuid(), $${n + 1}::timestamptz, ${actorColumn ? `r.${actorColumn}` : `$${n + 4}::text`}, $${n + 2}::text, $${n + 3}::text, r.${recorded.entityIdColumn}::text, ${payload} ` +
      `FROM audit_read r WHERE r.${recorded.recordColumn} IS TRUE`;
    const values = [...recorded.read.values, this.clock.now(), recorded.action, recorded.entityType, ...(actorColumn ? [] : [recorded.actor])];
    // A row's entry was appended exactly when its condition held: the INSERT takes those rows, and the
    // statement stands or falls whole (so rows of several callers, or of one certificate, never mix).
    return { text: `WITH audit_read AS (${recorded.read.text}), audit_entry AS (${insert}) SELECT r.*, r.${recorded.recordColumn} IS TRUE AS ${READ_RECORDED} FROM audit_read r`, values };
  }

  /**
   * Appends entries of reads, which change nothing else: one INSERT committed on its own (autocommit),
   * one round trip instead of BEGIN, INSERT and COMMIT, and as durable.
   */
  async record(input: AuditInput | AuditInput[]): Promise<void> {
    const list = Array.isArray(input) ? input : [input];
    if (list.length === 0) return;
    const statement = this.appendStatement(list);
    await this.dataSource.query(statement.text, statement.values);
  }

  /** Recomputes the chain (the entries chained so far) in sequence order, in pages, and names the first broken entry. */
  async verify(pageSize = 5000): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let afterSeq = '0';
    let checked = 0;
    for (;;) {
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT seq::text AS seq, ${AUDIT_CONTENT_COLUMNS}, prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY audit_log.seq LIMIT $2`,
        [afterSeq, pageSize],
      );
      if (rows.length === 0) return { ok: true, checked };
      const records = rows.map(toAuditRecord);
      const result = findChainBreak(records, prevHash, afterSeq);
      checked += result.count;
      if (result.break) return { ok: false, checked, firstBroken: result.break };
      prevHash = result.lastHash;
      afterSeq = records[records.length - 1].seq;
    }
  }
}
