import { DayCounting } from './application-status';

const DAY_MS = 86_400_000;

/**
 * When an application is due: the agreement's service level (issue within N days) counted from the
 * submission, in calendar days or in weekdays (Monday to Friday, UTC) as the authority sets. The
 * deadline is the end (24:00 UTC) of the Nth counted day after the day of submission; a submission on
 * a weekend, counted in weekdays, starts counting on the next Monday.
 */
export function serviceDueAt(submittedAt: Date, days: number, counting: DayCounting): Date {
  const start = Date.UTC(submittedAt.getUTCFullYear(), submittedAt.getUTCMonth(), submittedAt.getUTCDate());
  let day = start;
  let counted = 0;
  while (counted < days) {
    day += DAY_MS;
    if (counting === DayCounting.CALENDAR || isWeekday(day)) counted++;
  }
  return new Date(day + DAY_MS);
}

function isWeekday(utcMidnight: number): boolean {
  const weekday = new Date(utcMidnight).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The service level of an agreement: its own number of days, else the authority's default. */
export function serviceDaysFor(agreement: string | null | undefined, settings: { serviceDays: number; serviceDaysByAgreement: Record<string, number> }): number {
  return (agreement && settings.serviceDaysByAgreement[agreement]) || settings.serviceDays;
}
