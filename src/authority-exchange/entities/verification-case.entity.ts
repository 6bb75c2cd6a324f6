import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CertificateEntity } from '../../certificates/entities/certificate.entity';
import { CaseDecision, CaseStatus, VerificationResult } from '../domain/case-status';
import { RecordOrigin } from '../domain/record-origin';

/**
 * A verification case (DESIGN.md section 5), kept by both hubs under the same id: the importing
 * customs' questions, the issuing authority's answer, the decision that closes it.
 */
@Entity({ name: 'verification_cases' })
@Index('ix_verification_cases_certificate', ['certificateId', 'requestedAt'])
@Index('ix_verification_cases_requester', ['requestingAuthority', 'status', 'dueAt'])
@Index('ix_verification_cases_issuer', ['issuingAuthority', 'status', 'dueAt'])
@Index('ix_verification_cases_due', ['dueAt'], { where: `status = 'REQUESTED'` })
// One open case per certificate: importStatus is DISPUTED while it lasts.
@Index('uq_verification_cases_open', ['certificateId'], { unique: true, where: `status IN ('REQUESTED', 'RESPONDED', 'OVERDUE')` })
export class VerificationCaseEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_verification_cases' })
  id!: string;

  @Column({ name: 'certificate_id', type: 'uuid' })
  certificateId!: string;

  @ManyToOne(() => CertificateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'fk_verification_cases_certificate' })
  certificate?: Relation<CertificateEntity>;

  // The importing customs that asked, and the issuing authority that answers (codes).
  @Column({ name: 'requesting_authority', type: 'varchar', length: 35 })
  requestingAuthority!: string;

  @Column({ name: 'issuing_authority', type: 'varchar', length: 35 })
  issuingAuthority!: string;

  // The certificate's identity with its issuing authority (DESIGN.md section 4), as both hubs name it.
  @Column({ name: 'certificate_number', type: 'varchar', length: 35 })
  certificateNumber!: string;

  @Column({ name: 'copy_number', type: 'int' })
  copyNumber!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: CaseStatus;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  questions!: string[];

  @Column({ name: 'requested_documents', type: 'jsonb', default: () => `'[]'` })
  requestedDocuments!: string[];

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  // From the agreement's response window (the profile version the certificate recorded); null: none applies.
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'response_days', type: 'int', nullable: true })
  responseDays!: number | null;

  @Column({ name: 'response_window', type: 'jsonb', nullable: true })
  responseWindow!: { profile: string | null; minDays: number | null; maxDays: number | null } | null;

  // importStatus when the case was opened (RECEIVED, or ACCEPTED for a post-clearance verification).
  @Column({ name: 'import_status_before', type: 'varchar', length: 16 })
  importStatusBefore!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  result!: VerificationResult | null;

  @Column({ type: 'text', nullable: true })
  remarks!: string | null;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  decision!: CaseDecision | null;

  @Column({ name: 'decision_remarks', type: 'text', nullable: true })
  decisionRemarks!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  // LOCAL: opened through this hub; RECEIVED: a partner hub's VERIFICATION_REQUEST.
  @Column({ type: 'varchar', length: 8 })
  origin!: RecordOrigin;

  @Column({ name: 'received_from', type: 'varchar', length: 35, nullable: true })
  receivedFrom!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
