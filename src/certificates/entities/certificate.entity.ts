import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AuthorityEntity } from '../../authorities/entities/authority.entity';
import { SigningKeyEntity } from '../../pki/entities/signing-key.entity';
import { CertificateOrigin, CertificateStatus, ImportStatus, IssuedThrough } from '../domain/certificate-status';

@Entity({ name: 'certificates' })
@Index('uq_certificates_identity', ['issuingAuthorityId', 'certificateNumber', 'copyNumber'], { unique: true })
@Index('ix_certificates_issuer_created', ['issuingAuthorityId', 'createdAt', 'id'])
@Index('ix_certificates_import_country', ['importCountry', 'status', 'createdAt', 'id'])
@Index('ix_certificates_exporter', ['exporterId', 'createdAt', 'id'])
@Index('ix_certificates_consignee', ['consigneeId', 'createdAt', 'id'])
@Index('ix_certificates_ucr', ['ucr'])
@Index('ix_certificates_number', ['certificateNumber'])
@Index('ix_certificates_expiry', ['expiresAt'], { where: `status = 'ISSUED'` })
@Index('ix_certificates_received', ['receivedAt', 'id'], { where: `origin = 'RECEIVED'` })
@Index('ix_certificates_signing_key', ['signingKeyId'], { where: 'signing_key_id IS NOT NULL' })
@Index('uq_certificates_verification_token', ['verificationToken'], { unique: true })
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_certificates' })
  id!: string;

  @Column({ name: 'issuing_authority_id', type: 'uuid' })
  issuingAuthorityId!: string;

  @ManyToOne(() => AuthorityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuing_authority_id', foreignKeyConstraintName: 'fk_certificates_issuing_authority' })
  issuingAuthority?: Relation<AuthorityEntity>;

  @Column({ name: 'issuing_authority_code', type: 'varchar', length: 35 })
  issuingAuthorityCode!: string;

  @Column({ name: 'certificate_number', type: 'varchar', length: 35 })
  certificateNumber!: string;

  @Column({ name: 'copy_number', type: 'int', default: 0 })
  copyNumber!: number;

  @Column({ name: 'document_function', type: 'varchar', length: 16 })
  documentFunction!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CertificateStatus;

  @Column({ name: 'import_status', type: 'varchar', length: 16, nullable: true })
  importStatus!: ImportStatus | null;

  @Column({ type: 'boolean' })
  preferential!: boolean;

  @Column({ type: 'varchar', length: 32, nullable: true })
  agreement!: string | null;

  @Column({ name: 'export_country', type: 'char', length: 2 })
  exportCountry!: string;

  @Column({ name: 'import_country', type: 'char', length: 2 })
  importCountry!: string;

  @Column({ name: 'exporter_id', type: 'varchar', length: 64 })
  exporterId!: string;

  @Column({ name: 'consignee_id', type: 'varchar', length: 64, nullable: true })
  consigneeId!: string | null;

  @Column({ type: 'varchar', length: 35, nullable: true })
  ucr!: string | null;

  // The normalised document (NFC, HS codes as six digits) with the hub-set fields once issued.
  @Column({ type: 'jsonb' })
  document!: Record<string, unknown>;

  @Column({ name: 'issue_date_time', type: 'timestamptz', nullable: true })
  issueDateTime!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'dataset_version', type: 'varchar', length: 32, nullable: true })
  datasetVersion!: string | null;

  @Column({ name: 'profile_version', type: 'varchar', length: 64, nullable: true })
  profileVersion!: string | null;

  @Column({ name: 'hs_version', type: 'varchar', length: 32, nullable: true })
  hsVersion!: string | null;

  // The RFC 8785 bytes exactly as sealed at issue, and their SHA-256.
  @Column({ name: 'canonical_document', type: 'bytea', nullable: true })
  canonicalDocument!: Buffer | null;

  @Column({ name: 'document_hash', type: 'char', length: 64, nullable: true })
  documentHash!: string | null;

  // The detached CMS SignedData over canonicalDocument, and the key that made it (DESIGN.md section 7).
  @Column({ name: 'signature_cms', type: 'bytea', nullable: true })
  signatureCms!: Buffer | null;

  @Column({ name: 'signing_key_id', type: 'uuid', nullable: true })
  signingKeyId!: string | null;

  // The MAC of the hub's own check of that signature when it made it (pki/signing/signature-check-macs):
  // a verification of the same bytes judges the signer without reading the CMS again.
  @Column({ name: 'signature_check_mac', type: 'text', nullable: true })
  signatureCheckMac!: string | null;

  @ManyToOne(() => SigningKeyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signing_key_id', foreignKeyConstraintName: 'fk_certificates_signing_key' })
  signingKey?: Relation<SigningKeyEntity>;

  // 128 random bits, base64url: the key of the public verification page (set when issued).
  @Column({ name: 'verification_token', type: 'varchar', length: 22, nullable: true })
  verificationToken!: string | null;

  @Column({ name: 'replaces_id', type: 'uuid', nullable: true })
  replacesId!: string | null;

  @Column({ name: 'replaced_by_id', type: 'uuid', nullable: true })
  replacedById!: string | null;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  warnings!: unknown[];

  // LOCAL: issued through this hub; RECEIVED: a copy a partner hub sent, its status mirrored from the issuer's messages.
  @Column({ type: 'varchar', length: 8, default: CertificateOrigin.LOCAL })
  origin!: CertificateOrigin;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  // The partner node a received copy came from (its code, as registered here).
  @Column({ name: 'received_from', type: 'varchar', length: 35, nullable: true })
  receivedFrom!: string | null;

  // The issuer's CMS checked on receipt against the issuer's trust anchors: { valid, reasons, checkedAt }.
  @Column({ name: 'signature_check', type: 'jsonb', nullable: true })
  signatureCheck!: Record<string, unknown> | null;

  @Column({ name: 'issued_through', type: 'varchar', length: 40, default: IssuedThrough.AUTHORITY_DIRECTLY })
  issuedThrough!: IssuedThrough;

  /** The exporter's application the certificate was issued on (the applications module's row). */
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  /** The exporter's detached CMS over its declaration; the authority's CMS covers its SHA-256. */
  @Column({ name: 'exporter_signature_cms', type: 'bytea', nullable: true })
  exporterSignatureCms!: Buffer | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
