import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { AuthorityEntity } from '../../authorities/entities/authority.entity';
import { KeyOwnerType } from '../domain/key-owner';

// A CA certificate that the signing certificates of an authority (or of the node) must chain to, or
// that partner nodes' certificates must chain to (owner PARTNER_NODES).
@Entity({ name: 'trust_anchors' })
@Check('ck_trust_anchors_owner', `(owner_type = 'AUTHORITY') = (authority_id IS NOT NULL)`)
@Index('uq_trust_anchors_authority_fingerprint', ['authorityId', 'fingerprintSha256'], { unique: true, where: 'authority_id IS NOT NULL' })
@Index('uq_trust_anchors_node_fingerprint', ['fingerprintSha256'], { unique: true, where: `owner_type = 'NODE'` })
@Index('uq_trust_anchors_partner_nodes_fingerprint', ['fingerprintSha256'], { unique: true, where: `owner_type = 'PARTNER_NODES'` })
export class TrustAnchorEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_trust_anchors' })
  id!: string;

  @Column({ name: 'owner_type', type: 'varchar', length: 16 })
  ownerType!: KeyOwnerType;

  @Column({ name: 'authority_id', type: 'uuid', nullable: true })
  authorityId!: string | null;

  @ManyToOne(() => AuthorityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_id', foreignKeyConstraintName: 'fk_trust_anchors_authority' })
  authority?: Relation<AuthorityEntity>;

  @Column({ name: 'authority_code', type: 'varchar', length: 35, nullable: true })
  authorityCode!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  label!: string | null;

  @Column({ name: 'certificate_der', type: 'bytea' })
  certificateDer!: Buffer;

  @Column({ name: 'fingerprint_sha256', type: 'char', length: 64 })
  fingerprintSha256!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore!: Date;

  @Column({ name: 'not_after', type: 'timestamptz' })
  notAfter!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
