import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { AttemptOutcome } from '../domain/delivery-status';
import { DeliveryEntity } from './delivery.entity';

/** One try to hand an envelope over; counted before the call, so a worker killed mid-call still spends it. */
@Entity({ name: 'delivery_attempts' })
@Index('uq_delivery_attempts_number', ['deliveryId', 'generation', 'number'], { unique: true })
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_delivery_attempts' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @ManyToOne(() => DeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'fk_delivery_attempts_delivery' })
  delivery?: Relation<DeliveryEntity>;

  @Column({ type: 'int' })
  generation!: number;

  @Column({ type: 'int' })
  number!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: AttemptOutcome;

  @Column({ name: 'http_status', type: 'int', nullable: true })
  httpStatus!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'retry_after_ms', type: 'int', nullable: true })
  retryAfterMs!: number | null;
}
