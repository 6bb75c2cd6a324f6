import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { AuthorityEntity } from '../../authorities/entities/authority.entity';
import { CertificateEntity } from '../../certificates/entities/certificate.entity';
import { MatchStatus } from '../domain/match-status';

/**
 * An import declaration as the importing customs sent it (its origin-relevant data), and how it
 * matched the certificates this customs received: stored whatever the outcome, since a partial
 * match (an over-claim above all) is evidence.
 */
@Entity({ name: 'import_declarations' })
@Index('uq_import_declarations_number', ['customsAuthorityId', 'declarationNumber'], { unique: true })
@Index('ix_import_declarations_customs_recorded', ['customsAuthorityId', 'recordedAt', 'id'])
@Index('ix_import_declarations_recorded', ['recordedAt', 'id'])
@Index('ix_import_declarations_certificate', ['certificateId'], { where: 'certificate_id IS NOT NULL' })
export class ImportDeclarationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_import_declarations' })
  id!: string;

  @Column({ name: 'customs_authority_id', type: 'uuid' })
  customsAuthorityId!: string;

  @ManyToOne(() => AuthorityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customs_authority_id', foreignKeyConstraintName: 'fk_import_declarations_customs_authority' })
  customsAuthority?: Relation<AuthorityEntity>;

  @Column({ name: 'customs_authority_code', type: 'varchar', length: 35 })
  customsAuthorityCode!: string;

  @Column({ name: 'import_country', type: 'char', length: 2 })
  importCountry!: string;

  @Column({ name: 'declaration_number', type: 'varchar', length: 35 })
  declarationNumber!: string;

  // A calendar date, read back as YYYY-MM-DD.
  @Column({ name: 'declaration_date', type: 'date' })
  declarationDate!: string;

  @Column({ type: 'varchar', length: 35, nullable: true })
  ucr!: string | null;

  // The certificate number as declared (the certificate matched is certificateId).
  @Column({ name: 'certificate_number', type: 'varchar', length: 35, nullable: true })
  certificateNumber!: string | null;

  @Column({ name: 'consignee_id', type: 'varchar', length: 70 })
  consigneeId!: string;

  // The agreement preference is claimed under, as declared.
  @Column({ type: 'varchar', length: 32, nullable: true })
  agreement!: string | null;

  // The declaration as received (NFC text, the body's own field names).
  @Column({ type: 'jsonb' })
  declaration!: Record<string, unknown>;

  @Column({ name: 'certificate_id', type: 'uuid', nullable: true })
  certificateId!: string | null;

  @ManyToOne(() => CertificateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'fk_import_declarations_certificate' })
  certificate?: Relation<CertificateEntity>;

  @Column({ name: 'match_status', type: 'varchar', length: 16 })
  matchStatus!: MatchStatus;

  // The per-field and per-line result (domain/match-declaration.ts MatchResult).
  @Column({ name: 'match_result', type: 'jsonb' })
  matchResult!: Record<string, unknown>;

  // Whether the match recorded a use in the certificate's ledger (only a MATCHED one does).
  @Column({ name: 'use_recorded', type: 'boolean' })
  useRecorded!: boolean;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
