import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuthorityRole } from '../../core/auth/authority-role';

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

  // False for another country's authority known here for trust only (registered by the operator, or on first receipt of its certificates).
  @Column({ name: 'served_here', type: 'boolean', default: true })
  servedHere!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
