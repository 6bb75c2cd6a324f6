import { Column, Entity, PrimaryColumn } from 'typeorm';

// The certificates that signed checkpoints, once each: a checkpoint names its signer by key id (the
// SHA-256 of the certificate's DER), so the certificate is not repeated in every row. Append-only.
@Entity({ name: 'audit_checkpoint_signers' })
export class AuditCheckpointSignerEntity {
  @PrimaryColumn({ name: 'key_id', type: 'char', length: 64, primaryKeyConstraintName: 'pk_audit_checkpoint_signers' })
  keyId!: string;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;
}
