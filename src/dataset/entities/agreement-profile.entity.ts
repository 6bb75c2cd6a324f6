import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AgreementProfile } from '../agreements/agreement-profile';

// Profile versions are immutable rows: a change is a new version with a later effectiveFrom, so a
// certificate validated against one version is never re-judged by a later edit.
@Entity({ name: 'agreement_profiles' })
export class AgreementProfileEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_agreement_profiles' })
  code!: string;

  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_agreement_profiles' })
  version!: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'jsonb' })
  profile!: AgreementProfile;

  @Column({ type: 'varchar', length: 16 })
  source!: 'BUILT_IN' | 'OPERATOR';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
