import type { X509Certificate } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService, AuditVerification } from '../audit.service';
import { CHECKPOINT_FORMAT, CheckpointFinding, CheckpointProblem, SignedCheckpoint, checkCheckpointHead, checkCheckpointSignature } from '../domain/audit-checkpoint';

export interface CheckpointIssue extends CheckpointFinding {
  seq: string;
}

export interface CheckpointsReport {
  checked: number;
  issues: CheckpointIssue[];
  /** The latest checkpoint's sequence number, if any. */
  latest?: string;
  /** Checkpoints per signer key id. */
  signers: Map<string, number>;
}

export interface UnchainedReport {
  boundMs: number;
  /** Entries not chained yet. */
  waiting: number;
  /** Of those, the ones appended longer ago than the bound. */
  late: number;
  oldest?: { id: string; appendedAt: string; ageMs: number };
}

interface CheckpointRow {
  seq: string;
  head: string;
  signed_at: Date;
  algorithm: string;
  signature: string;
  key_id: string;
  certificate_pem: string | null;
  entry_hash: string | null;
}

/**
 * What `npm run audit:verify` checks, read from the database: the chain, every stored checkpoint
 * (signature, signer, and that the chain still holds its head), the entries left unchained, and
 * checkpoints kept outside the hub.
 */
export class AuditVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  chain(): Promise<AuditVerification> {
    return this.audit.verify();
  }

  /**
   * Every stored checkpoint, in pages. `trusted`: the certificates the auditor holds for the node
   * (or its CA); without them any signer passes whose signature verifies.
   */
  async checkpoints(trusted?: readonly X509Certificate[], pageSize = 2000): Promise<CheckpointsReport> {
    const report: CheckpointsReport = { checked: 0, issues: [], signers: new Map() };
    let after = '0';
    for (;;) {
      const rows: CheckpointRow[] = await this.dataSource.query(
        `SELECT c.seq::text AS seq, c.head, c.signed_at, c.algorithm, c.signature, c.key_id, s.certificate_pem, l.hash AS entry_hash
           FROM audit_checkpoints c
           LEFT JOIN audit_checkpoint_signers s ON s.key_id = c.key_id
           LEFT JOIN audit_log l ON l.seq = c.seq
          WHERE c.seq > $1 ORDER BY c.seq LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return report;
      for (const row of rows) {
        report.checked += 1;
        report.signers.set(row.key_id, (report.signers.get(row.key_id) ?? 0) + 1);
        const checkpoint: SignedCheckpoint = {
          format: CHECKPOINT_FORMAT,
          seq: row.seq,
          head: row.head,
          time: row.signed_at.toISOString(),
          algorithm: row.algorithm,
          signature: row.signature,
          keyId: row.key_id,
          certificate: row.certificate_pem ?? '',
        };
        const findings = [
          row.certificate_pem === null ? { problem: CheckpointProblem.MALFORMED, message: `its signer certificate ${row.key_id} is missing` } : checkCheckpointSignature(checkpoint, trusted),
          checkCheckpointHead(checkpoint, row.entry_hash),
        ];
        for (const finding of findings) if (finding) report.issues.push({ seq: row.seq, ...finding });
      }
      after = rows[rows.length - 1].seq;
      report.latest = after;
    }
  }

  /** Entries still unchained, and those appended longer ago than `boundMs` (the delay bound). */
  async unchained(boundMs: number): Promise<UnchainedReport> {
    const [counts]: { waiting: number; late: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS waiting, count(*) FILTER (WHERE appended_at < clock_timestamp() - $1 * interval '1 millisecond')::int AS late
         FROM audit_log WHERE seq IS NULL`,
      [boundMs],
    );
    const report: UnchainedReport = { boundMs, waiting: counts.waiting, late: counts.late };
    if (counts.waiting === 0) return report;
    const [oldest]: { id: string; appended_at: Date; age_ms: number }[] = await this.dataSource.query(
      `SELECT id, appended_at, (extract(epoch FROM clock_timestamp() - appended_at) * 1000)::float8 AS age_ms
         FROM audit_log WHERE seq IS NULL ORDER BY appended_at LIMIT 1`,
    );
    if (oldest) report.oldest = { id: oldest.id, appendedAt: oldest.appended_at.toISOString(), ageMs: Math.round(oldest.age_ms) };
    return report;
  }

  /** A checkpoint kept outside the hub: its signature, its signer, and that today's chain still holds its head at its sequence number. */
  async saved(checkpoint: SignedCheckpoint, trusted?: readonly X509Certificate[]): Promise<CheckpointFinding[]> {
    const signature = checkCheckpointSignature(checkpoint, trusted);
    const [entry]: { hash: string }[] = await this.dataSource.query('SELECT hash FROM audit_log WHERE seq = $1', [checkpoint.seq]);
    const head = checkCheckpointHead(checkpoint, entry?.hash ?? null);
    return [signature, head].filter((finding): finding is CheckpointFinding => finding !== undefined);
  }
}
