import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import type { Acknowledgement } from '../domain/acknowledgement';
import { AcknowledgementStatus } from '../domain/delivery-status';
import { MessageType } from '../domain/message-type';
import { PartnerEntity } from './partner.entity';

/** An envelope a partner delivered, stored with the acknowledgement it got; a repeat gets the same one. */
@Entity({ name: 'inbound_envelopes' })
@Index('uq_inbound_envelopes_partner_envelope', ['partnerId', 'envelopeId'], { unique: true })
@Index('ix_inbound_envelopes_certificate', ['certificateRef'])
@Index('ix_inbound_envelopes_received', ['receivedAt', 'id'])
export class InboundEnvelopeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inbound_envelopes' })
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @ManyToOne(() => PartnerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_inbound_envelopes_partner' })
  partner?: Relation<PartnerEntity>;

  @Column({ name: 'envelope_id', type: 'uuid' })
  envelopeId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: MessageType;

  @Column({ name: 'from_authority', type: 'varchar', length: 35 })
  fromAuthority!: string;

  @Column({ name: 'to_authority', type: 'varchar', length: 35 })
  toAuthority!: string;

  // "<issuing authority>|<number>|<copy number>" of refersTo, to find what a later message is about.
  @Column({ name: 'certificate_ref', type: 'varchar', length: 120, nullable: true })
  certificateRef!: string | null;

  // SHA-256 of the signed content (RFC 8785 without `signature`): "same id, same content" is this.
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 32 })
  status!: AcknowledgementStatus;

  @Column({ type: 'jsonb' })
  acknowledgement!: Acknowledgement;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
