import { CaseAction, caseTransition } from './case-lifecycle';
import { CaseStatus } from './case-status';

const dueAt = new Date('2027-02-25T08:00:00Z');

describe('verification case: overdue', () => {
  it('becomes OVERDUE once the due date has passed, not before, and never without a due date', () => {
    expect(caseTransition(CaseStatus.REQUESTED, CaseAction.MARK_OVERDUE, { now: new Date('2027-02-25T07:59:59Z'), dueAt, result: null })).toEqual({ ok: false, reason: 'the response window is still open' });
    expect(caseTransition(CaseStatus.REQUESTED, CaseAction.MARK_OVERDUE, { now: dueAt, dueAt, result: null })).toEqual({ ok: true, to: CaseStatus.OVERDUE });
    expect(caseTransition(CaseStatus.REQUESTED, CaseAction.MARK_OVERDUE, { now: new Date('2099-01-01T00:00:00Z'), dueAt: null, result: null })).toMatchObject({ ok: false });
  });

  it('leaves an answered case alone', () => {
    expect(caseTransition(CaseStatus.RESPONDED, CaseAction.MARK_OVERDUE, { now: new Date('2099-01-01T00:00:00Z'), dueAt, result: null })).toMatchObject({ ok: false });
  });
});
