import type { Violation } from '../../../core/errors/violation';
import { isIsoDate, isIsoDateTime } from '../../../dataset/dates';

export enum Granularity {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}

export interface StatsWindow {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  granularity: Granularity;
  /** The start of every period in the window (UTC, YYYY-MM-DD), so empty periods show as zero. */
  periods: string[];
}

export interface WindowInput {
  from?: string;
  to?: string;
  granularity?: string;
}

// Enough for a year of days or eight years of weeks; a longer window is asked for in coarser periods.
export const MAX_PERIODS = 400;
const DAY_MS = 86_400_000;
const DEFAULT_SPAN: Record<Granularity, (to: Date) => Date> = {
  [Granularity.DAY]: (to) => new Date(to.getTime() - 30 * DAY_MS),
  [Granularity.WEEK]: (to) => new Date(to.getTime() - 12 * 7 * DAY_MS),
  [Granularity.MONTH]: (to) => new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 1)),
};

/** The start of the period holding `at`, as PostgreSQL's date_trunc does it in UTC (ISO weeks start on Monday). */
export function periodStart(at: Date, granularity: Granularity): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (granularity === Granularity.DAY) return day;
  if (granularity === Granularity.MONTH) return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

function nextPeriod(start: Date, granularity: Granularity): Date {
  if (granularity === Granularity.DAY) return new Date(start.getTime() + DAY_MS);
  if (granularity === Granularity.WEEK) return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

function parseBound(value: string, endOfDay: boolean): Date | null {
  if (isIsoDate(value)) return new Date(Date.parse(`${value}T00:00:00Z`) + (endOfDay ? DAY_MS : 0));
  return isIsoDateTime(value) ? new Date(value) : null;
}

/**
 * The window of a statistics request: `from` (inclusive) and `to` (exclusive; a date means its whole
 * day), both optional (the last 30 days, 12 weeks or 12 months up to `now`), in day, week or month
 * periods. Every problem at once.
 */
export function statsWindow(input: WindowInput, now: Date): { window?: StatsWindow; violations: Violation[] } {
  const violations: Violation[] = [];
  const problem = (path: string, message: string) => violations.push({ ruleId: 'STATS-WINDOW-001', severity: 'error', path, message });
  const granularity = (input.granularity ?? Granularity.DAY) as Granularity;
  if (!Object.values(Granularity).includes(granularity)) problem('granularity', 'granularity must be day, week or month');
  const to = input.to === undefined ? now : parseBound(input.to, true);
  if (to === null) problem('to', 'to must be a date (YYYY-MM-DD) or a date-time with an offset');
  const from = input.from === undefined ? (to && violations.length === 0 ? DEFAULT_SPAN[granularity](to) : null) : parseBound(input.from, false);
  if (input.from !== undefined && from === null) problem('from', 'from must be a date (YYYY-MM-DD) or a date-time with an offset');
  if (violations.length > 0 || !from || !to) return { violations };
  if (from.getTime() >= to.getTime()) return { violations: [{ ruleId: 'STATS-WINDOW-001', severity: 'error', path: 'from', message: 'from must be before to' }] };
  const periods: string[] = [];
  for (let start = periodStart(from, granularity); start.getTime() < to.getTime(); start = nextPeriod(start, granularity)) {
    periods.push(start.toISOString().slice(0, 10));
    if (periods.length > MAX_PERIODS) {
      return { violations: [{ ruleId: 'STATS-WINDOW-002', severity: 'error', path: 'granularity', message: `the window holds more than ${MAX_PERIODS} ${granularity}s: ask for coarser periods or a shorter window` }] };
    }
  }
  return { window: { from, to, granularity, periods }, violations };
}
