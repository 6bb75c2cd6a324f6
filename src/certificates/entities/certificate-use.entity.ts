import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { CertificateEntity } from './certificate.entity';
import { CertificateUseSource } from '../domain/use-ledger';

/**
 * The use ledger of a certificate (DESIGN.md section 5: use is a ledger, not a state): each customs
 * use records a quantity per item, and the remaining quantity is what the item states less the sum.
 * Append-only; the reference (a declaration number, a response id) makes a repeated use a no-op.
 */
@Entity({ name: 'certificate_uses' })
@Index('uq_certificate_uses_reference', ['certificateId', 'source', 'reference', 'itemNumber'], { unique: true })
@Check('ck_certificate_uses_quantity_positive', 'quantity > 0')
export class CertificateUseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_certificate_uses' })
  id!: string;

  @Column({ name: 'certificate_id', type: 'uuid' })
  certificateId!: string;

  @ManyToOne(() => CertificateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'fk_certificate_uses_certificate' })
  certificate?: Relation<CertificateEntity>;

  @Column({ name: 'item_number', type: 'int' })
  itemNumber!: number;

  // numeric, read back as a string: quantities are decimals and never floats.
  @Column({ type: 'numeric', precision: 24, scale: 6 })
  quantity!: string;

  // UNECE Recommendation 20 code, the unit of the item's stated quantity.
  @Column({ type: 'varchar', length: 3 })
  unit!: string;

  @Column({ type: 'varchar', length: 24 })
  source!: CertificateUseSource;

  // The declaration number or response id that used the quantity.
  @Column({ type: 'varchar', length: 64 })
  reference!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
