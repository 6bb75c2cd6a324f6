import { CheckOutcome, CheckResult, Verdict, VerificationReason } from './verification-codes';

/** VALID only when nothing failed and nothing was left undecided; any failure makes it INVALID. */
export function decideVerdict(checks: readonly CheckResult[]): Verdict {
  if (checks.some((c) => c.outcome === CheckOutcome.FAIL)) return Verdict.INVALID;
  if (checks.some((c) => c.outcome === CheckOutcome.UNKNOWN)) return Verdict.UNKNOWN;
  return Verdict.VALID;
}

/** The reason codes behind the verdict: those of failed, then undecided checks, without repeats. */
export function verdictReasons(checks: readonly CheckResult[]): VerificationReason[] {
  const failed = checks.filter((c) => c.outcome === CheckOutcome.FAIL).map((c) => c.reason);
  const unknown = checks.filter((c) => c.outcome === CheckOutcome.UNKNOWN).map((c) => c.reason);
  return [...new Set([...failed, ...unknown])];
}
