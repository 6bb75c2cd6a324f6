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

interface Transition {
  from: CertificateStatus;
  action: CertificateAction;
  to: CertificateStatus;
  /** Returns why the transition may not happen, or undefined when it may. */
  guard?: (ctx: TransitionContext) => string | undefined;
}

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

export type TransitionResult = { ok: true; to: CertificateStatus } | { ok: false; reason: string };

export function transition(from: CertificateStatus, action: CertificateAction, ctx: TransitionContext): TransitionResult {
  const candidate = TRANSITIONS.find((t) => t.from === from && t.action === action);
  if (!candidate) return { ok: false, reason: `cannot ${action.toLowerCase()} a certificate that is ${from}` };
  const refusal = candidate.guard?.(ctx);
  return refusal ? { ok: false, reason: refusal } : { ok: true, to: candidate.to };
}

export function allowedActions(from: CertificateStatus): CertificateAction[] {
  return TRANSITIONS.filter((t) => t.from === from).map((t) => t.action);
}
