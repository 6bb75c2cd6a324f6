const DAY_MS = 24 * 60 * 60 * 1000;

/** The agreement's verification response window, from the profile version a certificate recorded. */
export interface ResponseWindow {
  /** `RCEP@2022-01-01`; null when the certificate names no known profile. */
  profile: string | null;
  minDays: number | null;
  maxDays: number | null;
}

export interface DueDate {
  dueAt: Date | null;
  /** The days given to answer; null when no window applies. */
  days: number | null;
}

export type DueDateResult = { ok: true; due: DueDate } | { ok: false; problem: string };

/** What the window is read from: the verification figures of an agreement profile version. */
export interface ProfileVersions {
  version(code: string, version: string): { verificationResponseMinDays: number | null; verificationResponseMaxDays: number | null } | undefined;
}

/** `RCEP@2022-01-01` -> { code: 'RCEP', version: '2022-01-01' }; null for anything else. */
export function parseProfileVersion(recorded: string | null): { code: string; version: string } | null {
  const match = recorded ? /^([^@\s]+)@([^@\s]+)$/.exec(recorded) : null;
  return match ? { code: match[1], version: match[2] } : null;
}

/** The window of the profile version a certificate recorded (a later version changes nothing for it). */
export function windowOf(catalog: ProfileVersions, recorded: string | null): ResponseWindow {
  const parsed = parseProfileVersion(recorded);
  const profile = parsed ? catalog.version(parsed.code, parsed.version) : undefined;
  return profile ? { profile: recorded, minDays: profile.verificationResponseMinDays, maxDays: profile.verificationResponseMaxDays } : { profile: null, minDays: null, maxDays: null };
}

/**
 * The due date of a verification request: the requester may ask for an answer within the
 * agreement's window (RCEP Art 3.24.4(a): between 30 and 90 days from receipt), and gets its upper
 * bound when it names none. Without a window and without a period asked for, the case has no due
 * date and never becomes OVERDUE. Calendar days from the request.
 */
export function responseDue(window: ResponseWindow, requestedAt: Date, requestedDays?: number): DueDateResult {
  if (requestedDays !== undefined) {
    if (!Number.isInteger(requestedDays) || requestedDays < 1) return { ok: false, problem: 'must be a whole number of days, at least 1' };
    const min = window.minDays ?? 1;
    if (requestedDays < min) return { ok: false, problem: `${window.profile ?? 'the agreement'} allows the issuing authority at least ${min} days` };
    if (window.maxDays !== null && requestedDays > window.maxDays) return { ok: false, problem: `${window.profile ?? 'the agreement'} allows at most ${window.maxDays} days` };
  }
  const days = requestedDays ?? window.maxDays;
  if (days === null) return { ok: true, due: { dueAt: null, days: null } };
  return { ok: true, due: { dueAt: new Date(requestedAt.getTime() + days * DAY_MS), days } };
}
