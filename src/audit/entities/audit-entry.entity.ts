import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Append-only: the migration adds triggers that refuse UPDATE, DELETE and TRUNCATE on this table.
@Entity({ name: 'audit_log' })
@Index('uq_audit_log_id', ['id'], { unique: true })
@Index('ix_audit_log_entity', ['entityType', 'entityId'])
export class AuditEntryEntity {
  // Assigned under the chain lock, so sequence order is chain order.
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_audit_log' })
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
