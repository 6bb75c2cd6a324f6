import { ISO_DATE, ISO_DATE_TIME } from './validators/patterns';

// Calendar arithmetic on ISO dates, in UTC days, so that results never depend on the process's TZ.

const MS_PER_DAY = 86_400_000;

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  return m !== null && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A date-time with an explicit offset (`2026-05-12T08:30:00Z`, `2026-05-12T15:30:00+07:00`). */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE_TIME.exec(value);
  return m !== null && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`); NaN when it is not one. */
export function isoDateToDay(value: string): number {
  if (!isIsoDate(value)) return Number.NaN;
  const [y, m, d] = value.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** The UTC calendar day of an instant, as days since 1970-01-01. */
export function instantToDay(at: Date): number {
  return Math.floor(at.getTime() / MS_PER_DAY);
}

export function dayToIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The UTC calendar date of an instant: `2026-05-12`. */
export function toIsoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The day `workingDays` working days (Monday to Friday) after `day`; public holidays are not known here. */
export function addWorkingDays(day: number, workingDays: number): number {
  let result = day;
  let left = workingDays;
  while (left > 0) {
    result += 1;
    const weekday = new Date(result * MS_PER_DAY).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return result;
}
