import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { PartnerEntity } from './partner.entity';

/**
 * Every node certificate a partner was registered with, the current one included, never removed: a
 * receipt the partner signed before a rotation still verifies after it.
 */
@Entity({ name: 'partner_node_certificates' })
export class PartnerNodeCertificateEntity {
  @PrimaryColumn({ name: 'partner_id', type: 'uuid', primaryKeyConstraintName: 'pk_partner_node_certificates' })
  partnerId!: string;

  // SHA-256 of the DER, hex: the partner's keyId.
  @PrimaryColumn({ type: 'char', length: 64, primaryKeyConstraintName: 'pk_partner_node_certificates' })
  sha256!: string;

  @ManyToOne(() => PartnerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_partner_node_certificates_partner' })
  partner?: Relation<PartnerEntity>;

  @Column({ type: 'text' })
  pem!: string;

  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt!: Date;
}
