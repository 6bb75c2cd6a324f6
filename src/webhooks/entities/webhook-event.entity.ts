import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The webhooks' outbox: a copy of each history entry (certificate_events, application_events) made
 * by a trigger in the transaction that writes the entry, so an event is kept exactly when its change
 * commits, whichever path wrote it. `seq` orders them; the fan-out turns each into deliveries once.
 */
@Entity({ name: 'webhook_events' })
@Index('ix_webhook_events_pending', ['seq'], { where: 'fanned_out_at IS NULL' })
export class WebhookEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_webhook_events' })
  seq!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: string;

  /** The history entry's id. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** The certificate or application it is about. */
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24, nullable: true })
  toStatus!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'fanned_out_at', type: 'timestamptz', nullable: true })
  fannedOutAt!: Date | null;
}
