import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Fixed-window counters of unauthenticated requests per client (a keyed hash of its address): one
 * row per scope and client, moved to the current window by the same UPSERT that counts, so the limit
 * holds across API processes with PostgreSQL alone (no Redis: the embedded trial mode has none).
 */
@Entity({ name: 'public_rate_limits' })
@Index('ix_public_rate_limits_window', ['windowStart'])
export class PublicRateLimitEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_public_rate_limits' })
  scope!: string;

  @PrimaryColumn({ name: 'client_key', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_public_rate_limits' })
  clientKey!: string;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'int' })
  hits!: number;
}
