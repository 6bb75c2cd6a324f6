import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Not sent: at send time the subscriber could no longer see what it was about. */
  SKIPPED = 'SKIPPED',
}

/** One attempt of a delivery, as GET /v1/webhooks/{id}/deliveries lists it. */
export interface WebhookAttempt {
  at: string;
  /** The receiver's HTTP status, when it answered. */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** One event for one subscription. `messageId` is the webhook-id: the same on every attempt and redelivery. */
@Entity({ name: 'webhook_deliveries' })
@Index('ix_webhook_deliveries_pending', ['subscriptionId', 'position'], { where: `status = 'PENDING'` })
@Index('ix_webhook_deliveries_subscription', ['subscriptionId', 'createdAt'])
@Index('uq_webhook_deliveries_sequence', ['subscriptionId', 'sequence'], { unique: true })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_deliveries' })
  id!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'fk_webhook_deliveries_subscription' })
  subscription?: Relation<WebhookSubscriptionEntity>;

  /** The order deliveries of a subscription go in (the order the fan-out made them). */
  @Column({ type: 'bigint' })
  position!: string;

  /** Numbered on the first attempt, so deliveries skipped before it leave no gap. */
  @Column({ type: 'bigint', nullable: true })
  sequence!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 64 })
  messageId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 48 })
  eventType!: string;

  /** The outbox entry it carries (null for the hub's own events: a subscription disabled). */
  @Column({ name: 'event_seq', type: 'bigint', nullable: true })
  eventSeq!: string | null;

  /** What the event is about: for an outbox entry, its source, subject and entry; the hub's own events carry their data. */
  @Column({ type: 'jsonb' })
  about!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: WebhookDeliveryStatus.PENDING })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  attempts!: WebhookAttempt[];

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
