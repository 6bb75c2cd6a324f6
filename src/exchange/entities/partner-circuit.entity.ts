import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { CircuitState } from '../domain/circuit-breaker';
import { PartnerEntity } from './partner.entity';

// The circuit breaker of a partner lives in PostgreSQL, not in a process: every worker sees it.
@Entity({ name: 'partner_circuits' })
export class PartnerCircuitEntity {
  @PrimaryColumn({ name: 'partner_id', type: 'uuid', primaryKeyConstraintName: 'pk_partner_circuits' })
  partnerId!: string;

  @OneToOne(() => PartnerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_partner_circuits_partner' })
  partner?: Relation<PartnerEntity>;

  @Column({ type: 'varchar', length: 16, default: CircuitState.CLOSED })
  state!: CircuitState;

  @Column({ name: 'consecutive_failures', type: 'int', default: 0 })
  consecutiveFailures!: number;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'probe_until', type: 'timestamptz', nullable: true })
  probeUntil!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
