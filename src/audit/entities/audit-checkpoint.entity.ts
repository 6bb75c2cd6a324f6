import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { AuditCheckpointSignerEntity } from './audit-checkpoint-signer.entity';

// A signed statement of the chain's head at a sequence number, written by the sequencer in the
// transaction that chained the batch it closes. Append-only; only the sequencer inserts.
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpointEntity {
  // The sequence number of the last entry it covers (the chain's size at that point).
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_checkpoints' })
  seq!: string;

  // The hash of entry `seq`.
  @Column({ type: 'char', length: 64 })
  head!: string;

  // The time in the signed statement.
  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ type: 'varchar', length: 32 })
  algorithm!: string;

  // Base64 of the signature over the statement's bytes (domain/audit-checkpoint.ts).
  @Column({ type: 'text' })
  signature!: string;

  @Column({ name: 'key_id', type: 'char', length: 64 })
  keyId!: string;

  @ManyToOne(() => AuditCheckpointSignerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'key_id', referencedColumnName: 'keyId', foreignKeyConstraintName: 'fk_audit_checkpoints_signer' })
  signer?: Relation<AuditCheckpointSignerEntity>;
}
