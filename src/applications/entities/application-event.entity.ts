import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/** One step of an application's history: who did what, from which state to which. */
@Entity({ name: 'application_events' })
@Index('ix_application_events_application', ['applicationId', 'occurredAt'])
export class ApplicationEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_events' })
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_events_application' })
  application?: Relation<ApplicationEntity>;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24, nullable: true })
  toStatus!: string | null;

  @Column({ type: 'text' })
  actor!: string;

  /** The officer who acted (officers' steps only). */
  @Column({ name: 'officer_id', type: 'varchar', length: 64, nullable: true })
  officerId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  data!: Record<string, unknown>;
}
