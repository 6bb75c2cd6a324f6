import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditError, AuditErrorCode } from '../audit.error';
import { CHECKPOINT_FORMAT } from '../domain/audit-checkpoint';
import { AuditCheckpointPageView, AuditCheckpointView } from '../dto/audit-checkpoint.view';

interface CheckpointRow {
  seq: string;
  head: string;
  signed_at: Date;
  algorithm: string;
  signature: string;
  key_id: string;
  certificate_pem: string;
}

const SELECT = `SELECT c.seq::text AS seq, c.head, c.signed_at, c.algorithm, c.signature, c.key_id, s.certificate_pem
                  FROM audit_checkpoints c JOIN audit_checkpoint_signers s ON s.key_id = c.key_id`;

function toView(row: CheckpointRow): AuditCheckpointView {
  return {
    format: CHECKPOINT_FORMAT,
    seq: row.seq,
    head: row.head,
    time: row.signed_at.toISOString(),
    algorithm: row.algorithm,
    signature: row.signature,
    keyId: row.key_id,
    certificate: row.certificate_pem,
  };
}

/** The signed checkpoints, as the operator and partners' nodes read them (and keep them). */
@Injectable()
export class AuditCheckpointsService {
  constructor(private readonly dataSource: DataSource) {}

  async latest(): Promise<AuditCheckpointView> {
    const [row]: CheckpointRow[] = await this.dataSource.query(`${SELECT} ORDER BY c.seq DESC LIMIT 1`);
    if (!row) throw new AuditError(AuditErrorCode.CHECKPOINT_NOT_FOUND, 'No checkpoint yet: the audit log is empty or its first batch is not chained');
    return toView(row);
  }

  async page(from: string, limit: number): Promise<AuditCheckpointPageView> {
    const rows: CheckpointRow[] = await this.dataSource.query(`${SELECT} WHERE c.seq >= $1 ORDER BY c.seq LIMIT $2`, [from, limit + 1]);
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(toView);
    return { items, nextFrom: more ? (BigInt(items[items.length - 1].seq) + 1n).toString() : null };
  }
}
