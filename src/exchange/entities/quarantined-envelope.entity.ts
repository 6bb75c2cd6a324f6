import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { PartnerEntity } from './partner.entity';

export enum QuarantineReason {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  NOT_AN_ENVELOPE = 'NOT_AN_ENVELOPE',
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  OUTSIDE_REPLAY_WINDOW = 'OUTSIDE_REPLAY_WINDOW',
}

/** What was refused with a 4xx, kept for the operator (DESIGN.md section 6). */
@Entity({ name: 'quarantined_envelopes' })
@Index('ix_quarantined_envelopes_received', ['receivedAt', 'id'])
export class QuarantinedEnvelopeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_quarantined_envelopes' })
  id!: string;

  // Null when the sender could not be authenticated.
  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  @ManyToOne(() => PartnerEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_quarantined_envelopes_partner' })
  partner?: Relation<PartnerEntity> | null;

  @Column({ type: 'varchar', length: 32 })
  reason!: QuarantineReason;

  @Column({ type: 'text' })
  detail!: string;

  @Column({ name: 'envelope_id', type: 'varchar', length: 64, nullable: true })
  envelopeId!: string | null;

  // The body as received, cut to a bound (an unauthenticated sender gets less room).
  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
