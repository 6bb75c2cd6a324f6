import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/** An officer's comment on one field of an application (a JSON path such as `items[0].hsCode`). */
@Entity({ name: 'application_comments' })
@Index('ix_application_comments_application', ['applicationId', 'createdAt'])
export class ApplicationCommentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_comments' })
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_comments_application' })
  application?: Relation<ApplicationEntity>;

  @Column({ type: 'varchar', length: 200 })
  path!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'officer_id', type: 'varchar', length: 64 })
  officerId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
