import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { CertificateEntity } from './certificate.entity';

/**
 * A certificate in another format (UBL 2.4 XML, edi3 JSON): made from the signed record, stating its
 * hash, signed once by the key that signed the record, then kept and served as made. Never a second
 * one per format: the database holds the uniqueness, so two first requests cannot both be stored.
 */
@Entity({ name: 'certificate_renditions' })
@Index('uq_certificate_renditions_format', ['certificateId', 'format'], { unique: true })
export class CertificateRenditionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_certificate_renditions' })
  id!: string;

  @Column({ name: 'certificate_id', type: 'uuid' })
  certificateId!: string;

  @ManyToOne(() => CertificateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'fk_certificate_renditions_certificate' })
  certificate?: Relation<CertificateEntity>;

  // 'ubl' or 'edi3' (RenditionFormat).
  @Column({ type: 'varchar', length: 8 })
  format!: string;

  @Column({ name: 'media_type', type: 'varchar', length: 64 })
  mediaType!: string;

  @Column({ type: 'bytea' })
  document!: Buffer;

  // edi3: the detached CMS over the document; UBL: the ds:Signature element the document holds.
  @Column({ type: 'bytea' })
  signature!: Buffer;

  // SHA-256 (hex) of the canonical record it was made from, as the rendition states.
  @Column({ name: 'record_hash', type: 'char', length: 64 })
  recordHash!: string;

  // The key that signed the record and this rendition (null: received from a partner as it was sent).
  @Column({ name: 'signing_key_id', type: 'uuid', nullable: true })
  signingKeyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
