import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// A certificate revocation list whose signature and currency were checked when it was uploaded.
@Entity({ name: 'crls' })
@Index('uq_crls_fingerprint', ['fingerprintSha256'], { unique: true })
@Index('ix_crls_issuer', ['issuerKey', 'thisUpdate'])
export class CrlEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_crls' })
  id!: string;

  // The issuer's name as read, and its comparison key (case- and space-folded).
  @Column({ type: 'text' })
  issuer!: string;

  @Column({ name: 'issuer_key', type: 'text' })
  issuerKey!: string;

  // SHA-256 of the CA certificate whose key verified the CRL.
  @Column({ name: 'issuer_fingerprint_sha256', type: 'char', length: 64 })
  issuerFingerprintSha256!: string;

  @Column({ name: 'crl_number', type: 'varchar', length: 64, nullable: true })
  crlNumber!: string | null;

  @Column({ name: 'this_update', type: 'timestamptz' })
  thisUpdate!: Date;

  @Column({ name: 'next_update', type: 'timestamptz' })
  nextUpdate!: Date;

  @Column({ name: 'revoked_count', type: 'int' })
  revokedCount!: number;

  @Column({ type: 'bytea' })
  der!: Buffer;

  @Column({ name: 'fingerprint_sha256', type: 'char', length: 64 })
  fingerprintSha256!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
