import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One Bitstring Status List of one issuing authority and purpose (revocation, message): the bitstring
 * itself and the list credential as last signed by the node's status-signing key. The bitstring and
 * the credential change together, in the transaction of the certificate change that moved a bit.
 */
@Entity({ name: 'credential_status_lists' })
@Index('uq_credential_status_lists_purpose', ['authorityId', 'purpose'], { unique: true })
export class CredentialStatusListEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_credential_status_lists' })
  id!: string;

  // The issuing authority's id (no relation: certificates/ keeps a foreign key in the migration).
  @Column({ name: 'authority_id', type: 'uuid' })
  authorityId!: string;

  @Column({ name: 'authority_code', type: 'varchar', length: 35 })
  authorityCode!: string;

  // StatusPurpose: 'revocation' or 'message'.
  @Column({ type: 'varchar', length: 16 })
  purpose!: string;

  @Column({ name: 'status_size', type: 'smallint' })
  statusSize!: number;

  // How many entries the list has room for (never fewer than the spec's 131,072).
  @Column({ type: 'integer' })
  entries!: number;

  @Column({ type: 'bytea' })
  bits!: Buffer;

  // The BitstringStatusListCredential as a compact JWS (typ vc+jwt), signed with the node key.
  @Column({ type: 'text' })
  credential!: string;

  // Raised at every re-signing.
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
