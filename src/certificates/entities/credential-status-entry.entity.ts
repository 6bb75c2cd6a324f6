import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { CertificateEntity } from './certificate.entity';
import { CredentialStatusListEntity } from './credential-status-list.entity';

/** A certificate's place in a status list: an index drawn at random, never given twice in a list. */
@Entity({ name: 'credential_status_entries' })
@Index('uq_credential_status_entries_certificate', ['certificateId', 'listId'], { unique: true })
export class CredentialStatusEntryEntity {
  @PrimaryColumn({ name: 'list_id', type: 'uuid', primaryKeyConstraintName: 'pk_credential_status_entries' })
  listId!: string;

  @PrimaryColumn({ name: 'status_index', type: 'integer', primaryKeyConstraintName: 'pk_credential_status_entries' })
  statusIndex!: number;

  @ManyToOne(() => CredentialStatusListEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'list_id', foreignKeyConstraintName: 'fk_credential_status_entries_list' })
  list?: Relation<CredentialStatusListEntity>;

  @Column({ name: 'certificate_id', type: 'uuid' })
  certificateId!: string;

  @ManyToOne(() => CertificateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'fk_credential_status_entries_certificate' })
  certificate?: Relation<CertificateEntity>;
}
