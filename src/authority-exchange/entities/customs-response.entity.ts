import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { CertificateEntity } from '../../certificates/entities/certificate.entity';
import type { UseLinePayload } from '../../exchange/domain/envelope';
import { RecordOrigin } from '../domain/record-origin';

/** What the importing customs answered about a certificate; CASE_CLOSED is a verification case's decision. */
export enum CustomsDecision {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  USE = 'USE',
  CASE_CLOSED = 'CASE_CLOSED',
}

/**
 * The customs responses about a certificate, on both sides: recorded here by importing customs served
 * by this hub (LOCAL), or received from a partner hub on the issuer's side (RECEIVED). The id is the
 * same on both hubs; it is also the reference of the uses it recorded in the ledger.
 */
@Entity({ name: 'customs_responses' })
@Index('ix_customs_responses_certificate', ['certificateId', 'respondedAt'])
@Index('ix_customs_responses_issuer', ['issuingAuthority', 'respondedAt', 'id'])
export class CustomsResponseEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_customs_responses' })
  id!: string;

  @Column({ name: 'certificate_id', type: 'uuid' })
  certificateId!: string;

  @ManyToOne(() => CertificateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'fk_customs_responses_certificate' })
  certificate?: Relation<CertificateEntity>;

  // The importing customs authority that answered, and the issuing authority it answered (codes).
  @Column({ name: 'responder_authority', type: 'varchar', length: 35 })
  responderAuthority!: string;

  @Column({ name: 'issuing_authority', type: 'varchar', length: 35 })
  issuingAuthority!: string;

  // The certificate's identity with its issuing authority, as both hubs name it.
  @Column({ name: 'certificate_number', type: 'varchar', length: 35 })
  certificateNumber!: string;

  @Column({ name: 'copy_number', type: 'int' })
  copyNumber!: number;

  @Column({ type: 'varchar', length: 16 })
  decision!: CustomsDecision;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  uses!: UseLinePayload[];

  // For CASE_CLOSED: the case, and VERIFIED or REJECTED.
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'case_decision', type: 'varchar', length: 16, nullable: true })
  caseDecision!: string | null;

  // importStatus as the importing customs moved it with this answer.
  @Column({ name: 'import_status_from', type: 'varchar', length: 16 })
  importStatusFrom!: string;

  @Column({ name: 'import_status_to', type: 'varchar', length: 16 })
  importStatusTo!: string;

  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;

  @Column({ type: 'varchar', length: 8 })
  origin!: RecordOrigin;

  // For a received answer: the partner node it came through and its envelope.
  @Column({ name: 'received_from', type: 'varchar', length: 35, nullable: true })
  receivedFrom!: string | null;

  @Column({ name: 'envelope_id', type: 'uuid', nullable: true })
  envelopeId!: string | null;

  // What this hub could not apply of a received answer (an importStatus it cannot follow, a use its ledger refuses).
  @Column({ type: 'jsonb', default: () => `'[]'` })
  warnings!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A customs response as written: every column but the generated one. */
export type CustomsResponseRecord = Omit<CustomsResponseEntity, 'certificate' | 'createdAt'>;
