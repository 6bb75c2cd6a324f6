import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import type { Acknowledgement } from '../domain/acknowledgement';
import { DeliveryRoute, DeliveryStatus } from '../domain/delivery-status';
import type { Envelope, UnsignedEnvelope } from '../domain/envelope';
import { MessageType } from '../domain/message-type';
import { PartnerEntity } from './partner.entity';

/** The outbox: one row per recipient and message, written in the transaction of the change that causes it. */
@Entity({ name: 'deliveries' })
@Index('uq_deliveries_envelope', ['envelopeId'], { unique: true })
@Index('ix_deliveries_certificate', ['certificateId', 'createdAt'])
@Index('ix_deliveries_related_certificate', ['relatedCertificateId'], { where: 'related_certificate_id IS NOT NULL' })
@Index('ix_deliveries_partner_status', ['partnerId', 'status'])
@Index('ix_deliveries_pending', ['createdAt', 'id'], { where: `status = 'PENDING'` })
// Which partners have deliveries due (the worker pool of partners/partner-queues.ts asks every few seconds).
@Index('ix_deliveries_pending_partner', ['partnerId', 'nextAttemptAt'], { where: `status = 'PENDING'` })
@Check('ck_deliveries_route_partner', `(route = 'PARTNER') = (partner_id IS NOT NULL)`)
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_deliveries' })
  id!: string;

  // The certificate the message is about (refersTo).
  @Column({ name: 'certificate_id', type: 'uuid' })
  certificateId!: string;

  // The foreign key to certificates, named by the table: exchange/ holds the certificate's id only and
  // reads nothing of it (certificates/ owns that table and imports the exchange, not the reverse).
  @ManyToOne('certificates', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'fk_deliveries_certificate' })
  certificate?: unknown;

  // The other certificate the message names: the original a replacement replaces or a duplicate copies.
  @Column({ name: 'related_certificate_id', type: 'uuid', nullable: true })
  relatedCertificateId!: string | null;

  @Column({ name: 'message_type', type: 'varchar', length: 32 })
  messageType!: MessageType;

  @Column({ name: 'envelope_id', type: 'uuid' })
  envelopeId!: string;

  @Column({ type: 'varchar', length: 16 })
  route!: DeliveryRoute;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  @ManyToOne(() => PartnerEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_deliveries_partner' })
  partner?: Relation<PartnerEntity> | null;

  @Column({ name: 'recipient_country', type: 'char', length: 2 })
  recipientCountry!: string;

  @Column({ name: 'recipient_authority', type: 'varchar', length: 35, nullable: true })
  recipientAuthority!: string | null;

  @Column({ type: 'varchar', length: 32 })
  status!: DeliveryStatus;

  // Built and signed once; every attempt sends these same contents. Unsigned and unaddressed while UNROUTABLE.
  @Column({ type: 'jsonb' })
  envelope!: Envelope | UnsignedEnvelope;

  // Earlier createdAt values of the envelope, oldest first, that a receiver may hold: kept when it is
  // signed again with a fresh one (domain/envelope-refresh.ts), so a 409 for the id can be answered.
  @Column({ name: 'earlier_created_at', type: 'jsonb', default: () => `'[]'` })
  earlierCreatedAt!: string[];

  // Bumped by every operator redelivery; the job id is <id>-<generation>.
  @Column({ type: 'int', default: 0 })
  generation!: number;

  // Attempts in the current generation; the budget counts these.
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  // To a PULL partner: served and not acknowledged, it is not served again before this (the lease).
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  // Since when it waits: its creation, or the operator's last redelivery (a PULL partner's maxAgeMs counts from it).
  @Column({ name: 'pending_since', type: 'timestamptz', default: () => 'now()' })
  pendingSince!: Date;

  @Column({ type: 'jsonb', nullable: true })
  acknowledgement!: Acknowledgement | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
