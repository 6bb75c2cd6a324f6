import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A browser signed in to the operator pages. The browser holds a random session id in a cookie;
 * the hub keeps only its SHA-256, so a read of this table signs nobody in. A session ends at
 * `expires_at`, when the operator signs out, or when the operator token changes (`operator_digest`).
 */
@Entity({ name: 'operator_sessions' })
@Index('ix_operator_sessions_expires_at', ['expiresAt'])
export class OperatorSessionEntity {
  @PrimaryColumn({ name: 'id_hash', type: 'char', length: 64, primaryKeyConstraintName: 'pk_operator_sessions' })
  idHash!: string;

  // A digest of the operator token the session was opened with.
  @Column({ name: 'operator_digest', type: 'char', length: 64 })
  operatorDigest!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
