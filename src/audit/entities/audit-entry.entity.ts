import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Append-only and chained by the database itself (Foundation migration): a BEFORE INSERT trigger takes
// the chain lock, numbers the entry and computes prev_hash and hash; other triggers refuse UPDATE,
// DELETE and TRUNCATE. The hub only ever inserts content.
@Entity({ name: 'audit_log' })
@Index('uq_audit_log_id', ['id'], { unique: true })
@Index('ix_audit_log_entity', ['entityType', 'entityId'])
export class AuditEntryEntity {
  // Assigned by the chain trigger under the chain lock, so sequence order is chain order.
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_log' })
  seq!: string;

  @Column({ type: 'uuid' })
  id!: string;

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

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
