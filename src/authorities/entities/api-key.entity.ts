import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { AuthorityEntity } from './authority.entity';
import { TraderEntity } from './trader.entity';

@Entity({ name: 'api_keys' })
@Index('uq_api_keys_prefix', ['prefix'], { unique: true })
@Check('ck_api_keys_one_owner', '(authority_id IS NULL) <> (trader_id IS NULL)')
@Check('ck_api_keys_officer_of_authority', 'officer_id IS NULL OR authority_id IS NOT NULL')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_keys' })
  id!: string;

  // The public part of the key, used to find the row; the secret is stored only as a SHA-256.
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ name: 'secret_hash', type: 'char', length: 64 })
  secretHash!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  label!: string | null;

  @Column({ name: 'authority_id', type: 'uuid', nullable: true })
  authorityId!: string | null;

  @ManyToOne(() => AuthorityEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_id', foreignKeyConstraintName: 'fk_api_keys_authority' })
  authority?: Relation<AuthorityEntity> | null;

  @Column({ name: 'trader_id', type: 'uuid', nullable: true })
  traderId!: string | null;

  @ManyToOne(() => TraderEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trader_id', foreignKeyConstraintName: 'fk_api_keys_trader' })
  trader?: Relation<TraderEntity> | null;

  // The officer (a person of the authority) who holds the key; null for a system's key.
  @Column({ name: 'officer_id', type: 'varchar', length: 64, nullable: true })
  officerId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
