import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Sign-in attempts to the operator pages per client address (a keyed hash of its address bucket) in
 * the current window, counted before the token is compared and cleared by a success, so the limit
 * holds across API processes and against attempts sent in parallel.
 */
@Entity({ name: 'operator_sign_in_attempts' })
@Index('ix_operator_sign_in_attempts_window', ['windowStart'])
export class OperatorSignInAttemptEntity {
  @PrimaryColumn({ name: 'client_key', type: 'char', length: 64, primaryKeyConstraintName: 'pk_operator_sign_in_attempts' })
  clientKey!: string;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'int' })
  attempts!: number;
}
