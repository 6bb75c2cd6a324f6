import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { PartnerEntity } from './partner.entity';

// What an anonymous caller sends is never kept (DESIGN.md section 6): every row has its partner.
export enum QuarantineReason {
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

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @ManyToOne(() => PartnerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_quarantined_envelopes_partner' })
  partner?: Relation<PartnerEntity>;

  @Column({ type: 'varchar', length: 32 })
  reason!: QuarantineReason;

  @Column({ type: 'text' })
  detail!: string;

  @Column({ name: 'envelope_id', type: 'varchar', length: 64, nullable: true })
  envelopeId!: string | null;

  // The body as received (as JSON text, so U+0000 and lone surrogates are escapes), cut to a bound.
  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
