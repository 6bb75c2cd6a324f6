import { responseDue } from './response-window';

const requestedAt = new Date('2026-11-27T08:00:00Z');

describe('response window: no period asked for', () => {
  it("gives the issuing authority the window's upper bound, in calendar days from the request", () => {
    expect(responseDue({ profile: 'RCEP@2022-01-01', minDays: 30, maxDays: 90 }, requestedAt)).toEqual({ ok: true, due: { dueAt: new Date('2027-02-25T08:00:00Z'), days: 90 } });
  });
});
