import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SealedUnderMasterKey } from '../../core/secrets/sealed-secrets';
import { SEALED_PREVIOUS_WEBHOOK_SECRETS, SEALED_WEBHOOK_SECRETS } from '../webhook-secrets';

export enum WebhookStatus {
  ACTIVE = 'ACTIVE',
  /** Its receiver failed for too long (or its owner stopped it); the owner re-enables it. */
  DISABLED = 'DISABLED',
}

/** A receiver of events, belonging to the API key that created it (and seeing what that key's caller sees). */
@Entity({ name: 'webhook_subscriptions' })
@SealedUnderMasterKey(SEALED_WEBHOOK_SECRETS)
@SealedUnderMasterKey(SEALED_PREVIOUS_WEBHOOK_SECRETS)
@Index('ix_webhook_subscriptions_api_key', ['apiKeyId'])
@Index('ix_webhook_subscriptions_owner', ['owner'])
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_subscriptions' })
  id!: string;

  @Column({ name: 'api_key_id', type: 'uuid' })
  apiKeyId!: string;

  // The foreign key to api_keys, named by the table: webhooks/ reads keys through the authorities' service.
  @ManyToOne('api_keys', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'fk_webhook_subscriptions_api_key' })
  apiKey?: unknown;

  /** The caller the key stands for (core/auth principalLabel): whose other subscriptions hear of this one. */
  @Column({ type: 'varchar', length: 100 })
  owner!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'event_types', type: 'varchar', length: 48, array: true })
  eventTypes!: string[];

  @Column({ name: 'filter_agreement', type: 'varchar', length: 16, nullable: true })
  filterAgreement!: string | null;

  @Column({ name: 'filter_partner_country', type: 'char', length: 2, nullable: true })
  filterPartnerCountry!: string | null;

  @Column({ name: 'filter_certificate_id', type: 'uuid', nullable: true })
  filterCertificateId!: string | null;

  @Column({ type: 'varchar', length: 16, default: WebhookStatus.ACTIVE })
  status!: WebhookStatus;

  /** The signing secret, sealed under HUB_MASTER_KEY (core's secret box), with the id of that key. */
  @Column({ name: 'secret_sealed', type: 'bytea' })
  secretSealed!: Buffer;

  /** The id of the master key the secret is sealed under (null: sealed before keys were named). */
  @Column({ name: 'secret_master_key_id', type: 'varchar', length: 16, nullable: true })
  secretMasterKeyId!: string | null;

  /** The secret before the last rotation, which still signs until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret_sealed', type: 'bytea', nullable: true })
  previousSecretSealed!: Buffer | null;

  @Column({ name: 'previous_secret_master_key_id', type: 'varchar', length: 16, nullable: true })
  previousSecretMasterKeyId!: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  /** The sequence number of the last delivery sent (each is numbered on its first attempt). */
  @Column({ name: 'last_sequence', type: 'bigint', default: 0 })
  lastSequence!: string;

  /** Since when every attempt failed (null after a success). */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** The sender that holds the subscription until then sends its deliveries, one at a time. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
