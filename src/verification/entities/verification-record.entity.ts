import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { CertificateEntity } from '../../certificates/entities/certificate.entity';

/**
 * One verification answered (API, public page): who asked, how, about which certificate, and the
 * verdict with its reason codes. The issuer's statistics read it; nothing in it is personal data
 * (a public caller is a keyed hash of its address).
 */
@Entity({ name: 'verifications' })
@Index('ix_verifications_issuer_time', ['issuingAuthorityCode', 'verifiedAt'])
@Index('ix_verifications_certificate', ['certificateId', 'verifiedAt'], { where: 'certificate_id IS NOT NULL' })
export class VerificationRecordEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_verifications' })
  id!: string;

  @Column({ name: 'verified_at', type: 'timestamptz' })
  verifiedAt!: Date;

  // A principal label (authority:JP-CUSTOMS, operator, trader:...) or public:<keyed hash of the address>.
  @Column({ type: 'varchar', length: 100 })
  caller!: string;

  // REFERENCE, DOCUMENT or TOKEN (the public page).
  @Column({ type: 'varchar', length: 16 })
  method!: string;

  // FULL (importing customs, issuer, operator) or PUBLIC.
  @Column({ name: 'answer_scope', type: 'varchar', length: 8 })
  answerScope!: string;

  @Column({ name: 'certificate_id', type: 'uuid', nullable: true })
  certificateId!: string | null;

  @ManyToOne(() => CertificateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'fk_verifications_certificate' })
  certificate?: Relation<CertificateEntity>;

  // The issuer of the certificate found, or the one the reference or document named.
  @Column({ name: 'issuing_authority_code', type: 'varchar', length: 35, nullable: true })
  issuingAuthorityCode!: string | null;

  @Column({ name: 'certificate_number', type: 'varchar', length: 35, nullable: true })
  certificateNumber!: string | null;

  @Column({ type: 'varchar', length: 8 })
  verdict!: string;

  // The reason codes behind the verdict (failed, then undecided checks).
  @Column({ type: 'jsonb', default: () => `'[]'` })
  reasons!: string[];
}
