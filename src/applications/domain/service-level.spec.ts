import { DayCounting } from './application-status';
import { serviceDaysFor, serviceDueAt } from './service-level';

// 2026-12-04 is a Friday.
describe('service level: issue within N days of the submission', () => {
  it('counts calendar days to the end of the Nth day after the day of submission', () => {
    expect(serviceDueAt(new Date('2026-12-04T15:30:00Z'), 3, DayCounting.CALENDAR).toISOString()).toBe('2026-12-08T00:00:00.000Z');
  });

  it('counts weekdays over a weekend', () => {
    // Mon 7, Tue 8, Wed 9: due at the end of Wednesday.
    expect(serviceDueAt(new Date('2026-12-04T15:30:00Z'), 3, DayCounting.WEEKDAYS).toISOString()).toBe('2026-12-10T00:00:00.000Z');
  });

  it('starts counting weekdays on Monday for a submission on a Saturday', () => {
    expect(serviceDueAt(new Date('2026-12-05T09:00:00Z'), 1, DayCounting.WEEKDAYS).toISOString()).toBe('2026-12-08T00:00:00.000Z');
  });

  it("takes the agreement's own number of days, else the authority's", () => {
    const settings = { serviceDays: 5, serviceDaysByAgreement: { RCEP: 2 } };
    expect([serviceDaysFor('RCEP', settings), serviceDaysFor('ATIGA', settings), serviceDaysFor(undefined, settings)]).toEqual([2, 5, 5]);
  });
});
