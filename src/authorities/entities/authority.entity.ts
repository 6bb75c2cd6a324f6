import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuthorityRole } from '../domain/authority-role';

@Entity({ name: 'authorities' })
@Index('uq_authorities_code', ['code'], { unique: true })
export class AuthorityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_authorities' })
  id!: string;

  @Column({ type: 'varchar', length: 35 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 16, array: true })
  roles!: AuthorityRole[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
