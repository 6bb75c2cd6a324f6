import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { AuthorityEntity } from '../../authorities/entities/authority.entity';
import { SealedUnderMasterKey } from '../../core/secrets/sealed-secrets';
import { KeyOwnerType } from '../domain/key-owner';
import { SigningKeySource, SigningKeyStatus } from '../domain/key-status';
import { KeyStoreKind } from '../keys/key-store.interface';
import { SEALED_PRIVATE_KEYS } from '../signing/sealed-private-keys';

// A signing key of an authority or of the hub node. The private key is kept either only encrypted
// in this row (key_store DATABASE: AES-256-GCM under a key derived from HUB_MASTER_KEY; kdf, key
// version and the master key's id stored per row, re-sealed under a new master key by
// `npm run keys:rotate-master`), or in a PKCS#11 token (key_store PKCS11), which the row names.
@Entity({ name: 'signing_keys' })
@SealedUnderMasterKey(SEALED_PRIVATE_KEYS)
@Check('ck_signing_keys_owner', `(owner_type = 'NODE') = (authority_id IS NULL)`)
@Check(
  'ck_signing_keys_key_store',
  `(key_store = 'DATABASE' AND encrypted_private_key IS NOT NULL AND token_key_id IS NULL) OR (key_store = 'PKCS11' AND encrypted_private_key IS NULL AND token_key_id IS NOT NULL AND token_label IS NOT NULL)`,
)
@Index('ix_signing_keys_authority', ['authorityId', 'status'])
// At most one ACTIVE key per owner: the database, not a read before the write, says so.
@Index('uq_signing_keys_active_authority', ['authorityId'], { unique: true, where: `status = 'ACTIVE' AND authority_id IS NOT NULL` })
@Index('uq_signing_keys_active_node', ['ownerType'], { unique: true, where: `status = 'ACTIVE' AND owner_type = 'NODE'` })
@Index('uq_signing_keys_fingerprint', ['fingerprintSha256'], { unique: true, where: 'fingerprint_sha256 IS NOT NULL' })
export class SigningKeyEntity {
  // Set by the hub before the insert: the id is bound into the encryption of the private key.
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_signing_keys' })
  id!: string;

  @Column({ name: 'owner_type', type: 'varchar', length: 16 })
  ownerType!: KeyOwnerType;

  @Column({ name: 'authority_id', type: 'uuid', nullable: true })
  authorityId!: string | null;

  @ManyToOne(() => AuthorityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_id', foreignKeyConstraintName: 'fk_signing_keys_authority' })
  authority?: Relation<AuthorityEntity>;

  // The authority's code (codes never change), so listings need no join.
  @Column({ name: 'authority_code', type: 'varchar', length: 35, nullable: true })
  authorityCode!: string | null;

  @Column({ type: 'varchar', length: 24 })
  status!: SigningKeyStatus;

  @Column({ type: 'varchar', length: 16 })
  source!: SigningKeySource;

  @Column({ type: 'varchar', length: 100, nullable: true })
  label!: string | null;

  @Column({ name: 'key_algorithm', type: 'varchar', length: 16 })
  keyAlgorithm!: string;

  @Column({ name: 'key_bits', type: 'int' })
  keyBits!: number;

  @Column({ name: 'public_key_spki', type: 'bytea' })
  publicKeySpki!: Buffer;

  // DATABASE or PKCS11 (keys/key-store.interface.ts).
  @Column({ name: 'key_store', type: 'varchar', length: 16, default: KeyStoreKind.DATABASE })
  keyStore!: KeyStoreKind;

  // The sealed private key: null for a key in a PKCS#11 token.
  @Column({ name: 'encrypted_private_key', type: 'bytea', nullable: true })
  encryptedPrivateKey!: Buffer | null;

  @Column({ name: 'private_key_iv', type: 'bytea', nullable: true })
  privateKeyIv!: Buffer | null;

  @Column({ name: 'private_key_salt', type: 'bytea', nullable: true })
  privateKeySalt!: Buffer | null;

  @Column({ name: 'private_key_tag', type: 'bytea', nullable: true })
  privateKeyTag!: Buffer | null;

  @Column({ name: 'private_key_kdf', type: 'varchar', length: 32, nullable: true })
  privateKeyKdf!: string | null;

  @Column({ name: 'private_key_version', type: 'int', nullable: true })
  privateKeyVersion!: number | null;

  // A key in a PKCS#11 token: the token's label and the key's CKA_ID there.
  @Column({ name: 'token_label', type: 'varchar', length: 32, nullable: true })
  tokenLabel!: string | null;

  @Column({ name: 'token_key_id', type: 'bytea', nullable: true })
  tokenKeyId!: Buffer | null;

  // The id of the master key the private key is sealed under (core/secrets/master-key-ring.ts); null
  // for keys sealed before ids were stored, which open with either key held.
  @Column({ name: 'private_key_master_key_id', type: 'varchar', length: 16, nullable: true })
  privateKeyMasterKeyId!: string | null;

  // The PKCS#10 request of a generated key, kept so the operator can fetch it again.
  @Column({ name: 'csr_pem', type: 'text', nullable: true })
  csrPem!: string | null;

  @Column({ name: 'certificate_der', type: 'bytea', nullable: true })
  certificateDer!: Buffer | null;

  // The intermediate CA certificates up to the trust anchor, DER one after another.
  @Column({ name: 'chain_der', type: 'bytea', nullable: true })
  chainDer!: Buffer | null;

  @Column({ name: 'fingerprint_sha256', type: 'char', length: 64, nullable: true })
  fingerprintSha256!: string | null;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Column({ name: 'serial_number', type: 'varchar', length: 64, nullable: true })
  serialNumber!: string | null;

  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore!: Date | null;

  @Column({ name: 'not_after', type: 'timestamptz', nullable: true })
  notAfter!: Date | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
