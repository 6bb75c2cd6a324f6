import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { SealedUnderMasterKey } from '../../core/secrets/sealed-secrets';
import { MessageType } from '../domain/message-type';
import type { PartnerRoute } from '../domain/routing';
import { OutboundAuthType } from '../domain/outbound-auth';
import { SEALED_OUTBOUND_TOKENS } from '../partners/sealed-outbound-tokens';
import { DeliveryMode } from '../domain/delivery-mode';
import { ReceiptPolicy } from '../receipts/domain/receipt-rules';

/** Another country's node (or an adapter to one) that this hub exchanges envelopes with. */
@Entity({ name: 'partners' })
@SealedUnderMasterKey(SEALED_OUTBOUND_TOKENS)
@Index('uq_partners_code', ['code'], { unique: true })
@Index('uq_partners_inbound_token_prefix', ['inboundTokenPrefix'], { unique: true })
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partners' })
  id!: string;

  @Column({ type: 'varchar', length: 35 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  // The base URL; envelopes go to <endpoint_url>/v1/exchange/envelopes. None for a PULL partner.
  @Column({ name: 'endpoint_url', type: 'varchar', length: 2000, nullable: true })
  endpointUrl!: string | null;

  // PUSH: the hub sends; PULL: envelopes wait until the partner takes them (exchange/pull/).
  @Column({ name: 'delivery_mode', type: 'varchar', length: 8, default: DeliveryMode.PUSH })
  deliveryMode!: DeliveryMode;

  // A PULL partner's budget in time: a delivery not acknowledged this long after it became pending is FAILED.
  @Column({ name: 'max_age_ms', type: 'int', default: 172_800_000 })
  maxAgeMs!: number;

  // A partner that only offers pull: the hub takes its envelopes from <pull_from_url>/v1/exchange/pull
  // every pull_every_ms, backing off after failures (pull_failures, pull_retry_at).
  @Column({ name: 'pull_from_url', type: 'varchar', length: 2000, nullable: true })
  pullFromUrl!: string | null;

  @Column({ name: 'pull_every_ms', type: 'int', default: 5000 })
  pullEveryMs!: number;

  @Column({ name: 'pull_failures', type: 'int', default: 0 })
  pullFailures!: number;

  @Column({ name: 'pull_retry_at', type: 'timestamptz', nullable: true })
  pullRetryAt!: Date | null;

  @Column({ type: 'jsonb' })
  routes!: PartnerRoute[];

  // Derived from routes, kept as a column so routing reads only the partners serving a destination.
  @Column({ type: 'char', length: 2, array: true })
  countries!: string[];

  @Column({ name: 'message_types', type: 'varchar', length: 32, array: true })
  messageTypes!: MessageType[];

  // Formats the partner reads besides the record ('ubl', 'edi3'): renditions travel beside it in its envelopes.
  @Column({ type: 'varchar', length: 8, array: true, default: () => "'{}'" })
  renditions!: string[];

  @Column({ name: 'outbound_auth_type', type: 'varchar', length: 16 })
  outboundAuthType!: OutboundAuthType;

  // AES-256-GCM under a key derived from HUB_MASTER_KEY (partners/partner-secret-box.ts); never returned.
  @Column({ name: 'outbound_token_sealed', type: 'bytea', nullable: true })
  outboundTokenSealed!: Buffer | null;

  // The id of the master key the token is sealed under (core/secrets/master-key-ring.ts); null for a
  // token sealed before ids were stored, which opens with either key held.
  @Column({ name: 'outbound_token_master_key_id', type: 'varchar', length: 16, nullable: true })
  outboundTokenMasterKeyId!: string | null;

  // The token the partner calls this hub with: its public prefix, and the SHA-256 of its secret.
  @Column({ name: 'inbound_token_prefix', type: 'varchar', length: 16 })
  inboundTokenPrefix!: string;

  @Column({ name: 'inbound_token_hash', type: 'char', length: 64 })
  inboundTokenHash!: string;

  @Column({ name: 'node_certificate_pem', type: 'text' })
  nodeCertificatePem!: string;

  @Column({ name: 'node_certificate_sha256', type: 'char', length: 64 })
  nodeCertificateSha256!: string;

  // Signed receipts both ways (exchange/receipts): SIGNED for a new registration; partners registered
  // before receipts existed were migrated UNSIGNED, so no live exchange stopped at the upgrade.
  @Column({ type: 'varchar', length: 8, default: ReceiptPolicy.SIGNED })
  receipts!: ReceiptPolicy;

  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts!: number;

  @Column({ name: 'base_delay_ms', type: 'int' })
  baseDelayMs!: number;

  @Column({ name: 'max_delay_ms', type: 'int' })
  maxDelayMs!: number;

  @Column({ name: 'timeout_ms', type: 'int' })
  timeoutMs!: number;

  @Column({ name: 'breaker_failure_threshold', type: 'int' })
  breakerFailureThreshold!: number;

  @Column({ name: 'breaker_cooldown_ms', type: 'int' })
  breakerCooldownMs!: number;

  // Calls in flight to this partner at once, across every worker process (a BullMQ global concurrency
  // on its queue), and keep-alive connections to it per worker process.
  @Column({ name: 'delivery_concurrency', type: 'int', default: 64 })
  deliveryConcurrency!: number;

  @Column({ name: 'pool_connections', type: 'int', default: 64 })
  poolConnections!: number;

  // The calls per second the partner said it takes, across every worker process; null: no limit.
  @Column({ name: 'rate_limit_per_second', type: 'int', nullable: true })
  rateLimitPerSecond!: number | null;

  @Column({ type: 'boolean', default: false })
  paused!: boolean;

  // A deactivated partner neither sends nor receives: its token stops authenticating at once and
  // nothing is routed to it. A condition of the statements that receive and send, never a cached value.
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
