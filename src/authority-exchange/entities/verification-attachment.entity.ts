import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { VerificationCaseEntity } from './verification-case.entity';

/**
 * A file that came with a verification answer: its bytes, kept in PostgreSQL with the case, and their
 * SHA-256, which the signed envelope carries. The id is the same on both hubs.
 */
@Entity({ name: 'verification_attachments' })
@Index('ix_verification_attachments_case', ['caseId', 'createdAt'])
@Check('ck_verification_attachments_size', 'size > 0 AND size = octet_length(content)')
export class VerificationAttachmentEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_verification_attachments' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => VerificationCaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_verification_attachments_case' })
  verificationCase?: Relation<VerificationCaseEntity>;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 64 })
  contentType!: string;

  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  // The authority whose answer it came with (its code).
  @Column({ name: 'uploaded_by', type: 'varchar', length: 35 })
  uploadedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
