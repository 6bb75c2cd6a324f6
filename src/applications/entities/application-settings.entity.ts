import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { AuthorityEntity } from '../../authorities/entities/authority.entity';
import { DayCounting } from '../domain/application-status';

/** An issuing authority's settings for the applications addressed to it (defaults until it sets them). */
@Entity({ name: 'application_settings' })
export class ApplicationSettingsEntity {
  @PrimaryColumn('uuid', { name: 'authority_id', primaryKeyConstraintName: 'pk_application_settings' })
  authorityId!: string;

  @OneToOne(() => AuthorityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authority_id', foreignKeyConstraintName: 'fk_application_settings_authority' })
  authority?: Relation<AuthorityEntity>;

  @Column({ name: 'four_eyes', type: 'boolean', default: true })
  fourEyes!: boolean;

  @Column({ name: 'day_counting', type: 'varchar', length: 16, default: DayCounting.CALENDAR })
  dayCounting!: DayCounting;

  /** Issue within this many days, unless the agreement has its own number below. */
  @Column({ name: 'service_days', type: 'int', default: 3 })
  serviceDays!: number;

  @Column({ name: 'service_days_by_agreement', type: 'jsonb', default: () => `'{}'` })
  serviceDaysByAgreement!: Record<string, number>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
