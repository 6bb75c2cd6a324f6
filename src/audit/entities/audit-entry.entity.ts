import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Append-only, and chained by one sequencer rather than by its writers (AuditSequencer migration). A
// writer inserts content only: the BEFORE INSERT trigger stamps the arrival number and time and
// leaves the chain fields empty, so appending takes no lock beyond the row's own. The sequencer then
// sets seq, prev_hash and hash once (NULL to value, checked by the update trigger, and only from the
// session that holds the sequencer lock); any other UPDATE, every DELETE and TRUNCATE are refused.
@Entity({ name: 'audit_log' })
// Chained entries only (RoomForHeapOnlyUpdates): an entry still waiting has no index entry for its place.
@Index('uq_audit_log_seq', ['seq'], { unique: true, where: 'seq IS NOT NULL' })
@Index('ix_audit_log_entity', ['entityType', 'entityId'])
// What the sequencer reads: the entries still waiting, in arrival order.
@Index('ix_audit_log_unchained', ['arrivalNo'], { where: 'seq IS NULL' })
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_audit_log' })
  id!: string;

  // The entry's place in the chain, set by the sequencer; NULL until then.
  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  // Drawn from a sequence at insert: the order entries arrived in, which is not the order their
  // transactions commit in. NULL for entries chained by the earlier insert trigger.
  @Column({ name: 'arrival_no', type: 'bigint', nullable: true })
  arrivalNo!: string | null;

  // When the row was inserted, by the database clock; what the delay bound is measured from. NULL for
  // entries chained by the earlier insert trigger.
  @Column({ name: 'appended_at', type: 'timestamptz', nullable: true })
  appendedAt!: Date | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId!: string | null;

  // Canonical JSON (RFC 8785) text, so the verifier recomputes the hash byte for byte.
  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  hash!: string | null;
}
