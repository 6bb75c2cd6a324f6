import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'traders' })
@Index('uq_traders_party_id', ['partyId'], { unique: true })
export class TraderEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_traders' })
  id!: string;

  // The id as it appears in exporter.id / consignee.id (`KH-TIN-1234567`).
  @Column({ name: 'party_id', type: 'varchar', length: 64 })
  partyId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
