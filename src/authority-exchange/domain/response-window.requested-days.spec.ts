import { responseDue } from './response-window';

const requestedAt = new Date('2026-11-27T08:00:00Z');
const rcep = { profile: 'RCEP@2022-01-01', minDays: 30, maxDays: 90 };

describe('response window: a period asked for', () => {
  it('takes a period within the window', () => {
    expect(responseDue(rcep, requestedAt, 30)).toEqual({ ok: true, due: { dueAt: new Date('2026-12-27T08:00:00Z'), days: 30 } });
  });

  it('refuses one shorter or longer than the agreement allows', () => {
    expect(responseDue(rcep, requestedAt, 29)).toEqual({ ok: false, problem: 'RCEP@2022-01-01 allows the issuing authority at least 30 days' });
    expect(responseDue(rcep, requestedAt, 91)).toEqual({ ok: false, problem: 'RCEP@2022-01-01 allows at most 90 days' });
    expect(responseDue(rcep, requestedAt, 0.5)).toMatchObject({ ok: false });
  });
});
