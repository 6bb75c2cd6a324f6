import { defineLifecycle, type TransitionRow } from '../../core/lifecycle/transition-table';
import { CertificateStatus } from './certificate-status';

export enum CertificateAction {
  UPDATE = 'UPDATE',
  ISSUE = 'ISSUE',
  CANCEL = 'CANCEL',
  REPLACE = 'REPLACE',
  DUPLICATE = 'DUPLICATE',
  EXPIRE = 'EXPIRE',
}

export interface TransitionContext {
  now: Date;
  copyNumber: number;
  expiresAt: Date | null;
}

type Transition = TransitionRow<CertificateStatus, CertificateAction, TransitionContext>;

// Issued content never changes: corrections are REPLACEMENTs, and a DUPLICATE is a new record that
// leaves the original ISSUED.
const TRANSITIONS: readonly Transition[] = [
  { from: CertificateStatus.DRAFT, action: CertificateAction.UPDATE, to: CertificateStatus.DRAFT },
  { from: CertificateStatus.DRAFT, action: CertificateAction.ISSUE, to: CertificateStatus.ISSUED },
  { from: CertificateStatus.ISSUED, action: CertificateAction.CANCEL, to: CertificateStatus.CANCELLED },
  { from: CertificateStatus.ISSUED, action: CertificateAction.REPLACE, to: CertificateStatus.REPLACED },
  {
    from: CertificateStatus.ISSUED,
    action: CertificateAction.DUPLICATE,
    to: CertificateStatus.ISSUED,
    guard: (ctx) => (ctx.copyNumber === 0 ? undefined : 'a certified true copy is made from the original, not from a copy'),
  },
  {
    from: CertificateStatus.ISSUED,
    action: CertificateAction.EXPIRE,
    to: CertificateStatus.EXPIRED,
    guard: (ctx) => (ctx.expiresAt && ctx.expiresAt.getTime() <= ctx.now.getTime() ? undefined : 'the certificate is still within its validity'),
  },
];

const LIFECYCLE = defineLifecycle({
  transitions: TRANSITIONS,
  refusal: (from, action) => `cannot ${action.toLowerCase()} a certificate that is ${from}`,
});

export type TransitionResult = { ok: true; to: CertificateStatus } | { ok: false; reason: string };

export function transition(from: CertificateStatus, action: CertificateAction, ctx: TransitionContext): TransitionResult {
  return LIFECYCLE.transition(from, action, ctx);
}

export function allowedActions(from: CertificateStatus): CertificateAction[] {
  return LIFECYCLE.allowedActions(from);
}
