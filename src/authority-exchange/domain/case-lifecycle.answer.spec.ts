import { CaseAction, caseTransition } from './case-lifecycle';
import { CaseStatus } from './case-status';

const ctx = { now: new Date('2026-11-27T08:00:00Z'), dueAt: new Date('2027-02-25T08:00:00Z'), result: null };

describe('verification case: the answer', () => {
  it('records an answer to a requested case, and a late one to an overdue case', () => {
    expect(caseTransition(CaseStatus.REQUESTED, CaseAction.RESPOND, ctx)).toEqual({ ok: true, to: CaseStatus.RESPONDED });
    expect(caseTransition(CaseStatus.OVERDUE, CaseAction.RESPOND, ctx)).toEqual({ ok: true, to: CaseStatus.RESPONDED });
  });

  it('refuses a second answer, and any answer to a closed case', () => {
    expect(caseTransition(CaseStatus.RESPONDED, CaseAction.RESPOND, ctx)).toEqual({ ok: false, reason: 'cannot respond a case that is RESPONDED' });
    expect(caseTransition(CaseStatus.CLOSED, CaseAction.RESPOND, ctx)).toEqual({ ok: false, reason: 'the case is CLOSED' });
  });
});
