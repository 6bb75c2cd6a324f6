import { AuthorityExchangeError, AuthorityExchangeErrorCode } from '../authority-exchange.error';
import { CaseAction, CaseTransitionContext, caseTransition } from '../domain/case-lifecycle';
import { CaseStatus } from '../domain/case-status';
import type { VerificationCaseEntity } from '../entities/verification-case.entity';

/** The case's next status, or a 409 naming the current one (CASE_CLOSED for a closed case). */
export function nextCaseStatus(kase: VerificationCaseEntity, action: CaseAction, ctx: Omit<CaseTransitionContext, 'dueAt' | 'result'>): CaseStatus {
  const result = caseTransition(kase.status, action, { ...ctx, dueAt: kase.dueAt, result: kase.result });
  if (result.ok) return result.to;
  const code = kase.status === CaseStatus.CLOSED ? AuthorityExchangeErrorCode.CASE_CLOSED : AuthorityExchangeErrorCode.ILLEGAL_CASE_TRANSITION;
  throw new AuthorityExchangeError(code, `Verification case ${kase.id}: ${result.reason}`, { currentStatus: kase.status });
}
