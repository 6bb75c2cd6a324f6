import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import type { Violation } from '../../core/errors/violation';
import { AuthorityEntity } from '../../authorities/entities/authority.entity';
import { TraderEntity } from '../../authorities/entities/trader.entity';
import { ApplicationStatus, RejectionReason } from '../domain/application-status';

/** An exporter's application for a certificate of origin, addressed to one issuing authority. */
@Entity({ name: 'applications' })
@Index('ix_applications_exporter', ['exporterTraderId', 'createdAt'])
@Index('ix_applications_queue', ['authorityId', 'status', 'submittedAt'])
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_applications' })
  id!: string;

  @Column({ name: 'authority_id', type: 'uuid' })
  authorityId!: string;

  @ManyToOne(() => AuthorityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_id', foreignKeyConstraintName: 'fk_applications_authority' })
  authority?: Relation<AuthorityEntity>;

  @Column({ name: 'authority_code', type: 'varchar', length: 35 })
  authorityCode!: string;

  @Column({ name: 'exporter_trader_id', type: 'uuid' })
  exporterTraderId!: string;

  @ManyToOne(() => TraderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exporter_trader_id', foreignKeyConstraintName: 'fk_applications_exporter' })
  exporter?: Relation<TraderEntity>;

  @Column({ name: 'exporter_party_id', type: 'varchar', length: 64 })
  exporterPartyId!: string;

  @Column({ type: 'varchar', length: 24 })
  status!: ApplicationStatus;

  /** The certificate data as the exporter drafted it (and officers amended it). */
  @Column({ type: 'jsonb' })
  document!: Record<string, unknown>;

  /** The exporter's detached CMS over the canonical declaration, when it signed. */
  @Column({ name: 'declaration_signature', type: 'bytea', nullable: true })
  declarationSignature!: Buffer | null;

  /** The SHA-256 of the canonical declaration the signature covers. */
  @Column({ name: 'declaration_signed_hash', type: 'char', length: 64, nullable: true })
  declarationSignedHash!: string | null;

  @Column({ name: 'declaration_signed_at', type: 'timestamptz', nullable: true })
  declarationSignedAt!: Date | null;

  /** The exporter's API key that made the last submission (the declaration made without a signature). */
  @Column({ name: 'submitted_with_key_id', type: 'uuid', nullable: true })
  submittedWithKeyId!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'first_submitted_at', type: 'timestamptz', nullable: true })
  firstSubmittedAt!: Date | null;

  /** The rules' warnings at the last submission, to compare with those at approval. */
  @Column({ name: 'submission_findings', type: 'jsonb', default: () => `'[]'` })
  submissionFindings!: Violation[];

  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy!: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  /** The officer who last changed the data; null while only the exporter did (four eyes). */
  @Column({ name: 'last_changed_by_officer', type: 'varchar', length: 64, nullable: true })
  lastChangedByOfficer!: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 64, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'rejection_reasons', type: 'jsonb', nullable: true })
  rejectionReasons!: { code: RejectionReason; text: string | null }[] | null;

  /** The certificate issued on approval (owned by the certificates module). */
  @Column({ name: 'certificate_id', type: 'uuid', nullable: true })
  certificateId!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
