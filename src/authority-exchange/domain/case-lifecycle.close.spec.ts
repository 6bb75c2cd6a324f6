import { CaseAction, caseTransition } from './case-lifecycle';
import { CaseDecision, CaseStatus, VerificationResult } from './case-status';

const base = { now: new Date('2026-11-27T08:00:00Z'), dueAt: new Date('2027-02-25T08:00:00Z') };

describe('verification case: the decision', () => {
  it('closes VERIFIED on a CONFIRMED answer, and REJECTED on any answer', () => {
    expect(caseTransition(CaseStatus.RESPONDED, CaseAction.CLOSE, { ...base, result: VerificationResult.CONFIRMED, decision: CaseDecision.VERIFIED })).toEqual({ ok: true, to: CaseStatus.CLOSED });
    for (const result of Object.values(VerificationResult)) {
      expect(caseTransition(CaseStatus.RESPONDED, CaseAction.CLOSE, { ...base, result, decision: CaseDecision.REJECTED })).toEqual({ ok: true, to: CaseStatus.CLOSED });
    }
  });

  it('refuses VERIFIED without a confirmation', () => {
    expect(caseTransition(CaseStatus.RESPONDED, CaseAction.CLOSE, { ...base, result: VerificationResult.INSUFFICIENT, decision: CaseDecision.VERIFIED })).toEqual({
      ok: false,
      reason: 'a case is closed VERIFIED only on a CONFIRMED answer; the answer is INSUFFICIENT',
    });
    expect(caseTransition(CaseStatus.OVERDUE, CaseAction.CLOSE, { ...base, result: null, decision: CaseDecision.VERIFIED })).toMatchObject({ ok: false });
    expect(caseTransition(CaseStatus.OVERDUE, CaseAction.CLOSE, { ...base, result: null, decision: CaseDecision.REJECTED })).toEqual({ ok: true, to: CaseStatus.CLOSED });
  });

  it('refuses to close a case still waiting within its window, or one already closed', () => {
    expect(caseTransition(CaseStatus.REQUESTED, CaseAction.CLOSE, { ...base, result: null, decision: CaseDecision.REJECTED })).toEqual({
      ok: false,
      reason: 'the case is REQUESTED: wait for the answer or for the response window to pass',
    });
    expect(caseTransition(CaseStatus.CLOSED, CaseAction.CLOSE, { ...base, result: null, decision: CaseDecision.REJECTED })).toEqual({ ok: false, reason: 'the case is CLOSED' });
  });
});
