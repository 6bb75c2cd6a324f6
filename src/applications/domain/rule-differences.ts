import type { Violation } from '../../core/errors/violation';

export interface RuleDifference {
  change: 'NEW' | 'GONE';
  ruleId: string;
  path: string;
  message: string;
}

const key = (v: Pick<Violation, 'ruleId' | 'path'>) => `${v.ruleId}\u0000${v.path}`;

/**
 * How the rules' answer at approval (the versions in force at issue time) differs from the one the
 * exporter saw at submission: findings that appeared and findings that went away. The officer sees
 * them as warnings.
 */
export function ruleDifferences(atSubmission: readonly Violation[], atApproval: readonly Violation[]): RuleDifference[] {
  const before = new Set(atSubmission.map(key));
  const after = new Set(atApproval.map(key));
  return [
    ...atApproval.filter((v) => !before.has(key(v))).map((v) => ({ change: 'NEW' as const, ruleId: v.ruleId, path: v.path, message: v.message })),
    ...atSubmission.filter((v) => !after.has(key(v))).map((v) => ({ change: 'GONE' as const, ruleId: v.ruleId, path: v.path, message: v.message })),
  ];
}
