import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { plannedPerCall } from '../../core/database/prepared-statements';
import { NodeSigner } from '../../core/signing/node-signer';
import { AUDIT_CONTENT_COLUMNS, toAuditContent } from '../audit-rows';
import { ChainHead, chainAfter } from '../domain/audit-chain';
import { CHECKPOINT_ALGORITHM, checkpointSigningInput } from '../domain/audit-checkpoint';

export interface BatchOutcome {
  chained: number;
  /** The checkpoint this batch wrote, if any. */
  checkpoint?: ChainHead;
  /** The batch took as many entries as it may: more may be waiting. */
  full: boolean;
}

// Which entries a batch takes, and why it needs no watermark. An entry's arrival number is drawn when
// it is inserted, but its transaction may commit long after entries that arrived later (a request
// that holds its transaction open). A sequencer that kept a cursor over arrival numbers ("all up to N
// are chained") would step over such a late commit for good; a cursor is only safe below a watermark
// that no running transaction can still write under (the xmin of the snapshot, or a time bound).
// This sequencer keeps no cursor: each batch takes the entries that are still unchained and visible
// to its snapshot, which under READ COMMITTED are exactly the committed ones. A late entry is
// invisible to the batches that run before its commit, and after it is still unchained, so the next
// batch takes it: it lands after entries that arrived later (the chain is in the order the sequencer
// first sees entries), never skipped, and nothing rolled back is ever chained. An xmin watermark
// would only cost here: pg_snapshot_xmin(pg_current_snapshot()) is the oldest transaction running
// anywhere on the cluster, in any database, so one long transaction would hold every entry back past
// the delay bound. The partial index ix_audit_log_unchained keeps "still unchained" cheap to find.
@Injectable()
export class ChainBatch {
  constructor(
    private readonly signer: NodeSigner,
    private readonly clock: Clock,
  ) {}

  /**
   * Chains up to `limit` waiting entries in arrival order after the chain's head and closes the batch
   * with a signed checkpoint, in one transaction on the leader's connection (the triggers refuse both
   * writes from any session that does not hold the sequencer lock). With nothing waiting it still
   * writes a checkpoint when the head has none yet: entries chained before the sequencer existed.
   */
  async run(runner: QueryRunner, limit: number): Promise<BatchOutcome> {
    await runner.startTransaction('READ COMMITTED');
    try {
      const outcome = await this.chain(runner, limit);
      await runner.commitTransaction();
      return outcome;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }

  private async chain(runner: QueryRunner, limit: number): Promise<BatchOutcome> {
    const [head]: ChainHead[] = await runner.query(`SELECT seq::text AS seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY audit_log.seq DESC LIMIT 1`);
    const waiting: Record<string, unknown>[] = await runner.query(`SELECT ${AUDIT_CONTENT_COLUMNS} FROM audit_log WHERE seq IS NULL ORDER BY arrival_no LIMIT $1`, [limit]);
    const records = chainAfter(head ?? null, waiting.map(toAuditContent));
    if (records.length > 0) {
      const updated = await runner.query(
        plannedPerCall(`UPDATE audit_log AS a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
           FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev_hash, hash)
          WHERE a.id = v.id AND a.seq IS NULL`),
        [records.map((r) => r.id), records.map((r) => r.seq), records.map((r) => r.prevHash), records.map((r) => r.hash)],
        true,
      );
      // Only this session chains, so every entry it read is still waiting; anything else is a fault.
      if (updated.affected !== records.length) throw new Error(`chained ${updated.affected} of ${records.length} audit entries: refusing the batch`);
    }
    const last = records.at(-1);
    const newHead = last ? { seq: last.seq, hash: last.hash } : head;
    const full = records.length === limit;
    if (!newHead) return { chained: 0, full };
    const [covered]: { seq: string }[] = await runner.query(`SELECT seq::text AS seq FROM audit_checkpoints ORDER BY audit_checkpoints.seq DESC LIMIT 1`);
    if (covered && BigInt(covered.seq) >= BigInt(newHead.seq)) return { chained: records.length, full };
    await this.checkpoint(runner, newHead);
    return { chained: records.length, checkpoint: newHead, full };
  }

  private async checkpoint(runner: QueryRunner, head: ChainHead): Promise<void> {
    const signedAt = this.clock.now();
    const statement = { seq: head.seq, head: head.hash, time: signedAt.toISOString() };
    // The node key's status is read in this transaction: a retired key stops signing at once.
    const signed = await this.signer.sign(checkpointSigningInput(statement), CHECKPOINT_ALGORITHM, runner.manager);
    await runner.query(`INSERT INTO audit_checkpoint_signers (key_id, certificate_pem) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING`, [signed.keyId, signed.certificatePem]);
    await runner.query(`INSERT INTO audit_checkpoints (seq, head, signed_at, algorithm, signature, key_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      head.seq,
      head.hash,
      signedAt,
      signed.algorithm,
      signed.signature.toString('base64'),
      signed.keyId,
    ]);
  }
}
