import { addWorkingDays, dayToIsoDate, instantToDay, isIsoDate, isIsoDateTime, isoDateToDay } from './dates';

process.env.TZ = 'UTC';

describe('dates', () => {
  it.each([
    ['2026-05-12', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-5-12', false],
    ['20260512', false],
  ])('isIsoDate(%p) is %p', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each([
    ['2026-05-12T08:30:00Z', true],
    ['2026-05-12T15:30:00.123+07:00', true],
    ['2026-05-12T08:30:00', false],
    ['2026-05-12 08:30:00Z', false],
    ['2026-02-30T08:30:00Z', false],
  ])('isIsoDateTime(%p) is %p', (value, expected) => {
    expect(isIsoDateTime(value)).toBe(expected);
  });

  it('counts days in UTC whatever the time of day', () => {
    expect(instantToDay(new Date('2026-05-12T23:59:59Z'))).toBe(isoDateToDay('2026-05-12'));
    expect(dayToIsoDate(isoDateToDay('2026-05-12') + 20)).toBe('2026-06-01');
    expect(isoDateToDay('not a date')).toBeNaN();
  });

  it('skips Saturdays and Sundays when adding working days', () => {
    const friday = isoDateToDay('2026-05-08');
    expect(dayToIsoDate(addWorkingDays(friday, 1))).toBe('2026-05-11');
    expect(dayToIsoDate(addWorkingDays(friday, 3))).toBe('2026-05-13');
    expect(dayToIsoDate(addWorkingDays(isoDateToDay('2026-05-09'), 1))).toBe('2026-05-11');
    expect(addWorkingDays(friday, 0)).toBe(friday);
  });
});
