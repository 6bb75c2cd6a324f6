import { parseProfileVersion, responseDue } from './response-window';

describe('response window: none applies', () => {
  it('gives no due date when the profile sets no window and no period is asked for', () => {
    expect(responseDue({ profile: null, minDays: null, maxDays: null }, new Date('2026-11-27T08:00:00Z'))).toEqual({ ok: true, due: { dueAt: null, days: null } });
    expect(responseDue({ profile: null, minDays: null, maxDays: null }, new Date('2026-11-27T08:00:00Z'), 14)).toEqual({ ok: true, due: { dueAt: new Date('2026-12-11T08:00:00Z'), days: 14 } });
  });

  it('reads the profile version a certificate recorded', () => {
    expect(parseProfileVersion('RCEP@2022-01-01')).toEqual({ code: 'RCEP', version: '2022-01-01' });
    expect(parseProfileVersion('RCEP')).toBeNull();
    expect(parseProfileVersion(null)).toBeNull();
  });
});
