import { statsWindow } from './stats-window';

describe('statistics window', () => {
  const now = new Date('2026-05-20T10:00:00Z');

  it('defaults to the last 30 days in days', () => {
    const { window } = statsWindow({}, now);
    expect(window?.from.toISOString()).toBe('2026-04-20T10:00:00.000Z');
    expect(window?.to).toEqual(now);
    expect(window?.periods[0]).toBe('2026-04-20');
    expect(window?.periods).toHaveLength(31);
  });

  it('reads a date "to" as its whole day and lays weeks from Monday', () => {
    const { window } = statsWindow({ from: '2026-05-06', to: '2026-05-20', granularity: 'week' }, now);
    expect(window?.to.toISOString()).toBe('2026-05-21T00:00:00.000Z');
    // 2026-05-06 is a Wednesday: its week started on Monday 2026-05-04.
    expect(window?.periods).toEqual(['2026-05-04', '2026-05-11', '2026-05-18']);
  });

  it('lays months from their first day', () => {
    expect(statsWindow({ from: '2026-01-15', to: '2026-03-02', granularity: 'month' }, now).window?.periods).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  it('refuses a bad granularity, bad bounds, a reversed window and too many periods', () => {
    expect(statsWindow({ granularity: 'hour', to: 'yesterday' }, now).violations.map((v) => v.path)).toEqual(['granularity', 'to']);
    expect(statsWindow({ from: '2026-05-20', to: '2026-05-01' }, now).violations[0].message).toBe('from must be before to');
    expect(statsWindow({ from: '2020-01-01', to: '2026-01-01', granularity: 'day' }, now).violations[0].ruleId).toBe('STATS-WINDOW-002');
  });
});
