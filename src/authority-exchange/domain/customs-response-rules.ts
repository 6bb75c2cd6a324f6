import type { Violation } from '../../core/errors/violation';

export interface CustomsResponseInput {
  decision: 'ACCEPT' | 'REJECT' | 'USE';
  reason?: string;
  uses?: unknown[];
}

/** What each decision needs: a rejection its reason, a use its quantities, and nothing else carries quantities. */
export function customsResponseProblems(input: CustomsResponseInput): Violation[] {
  const problems: Violation[] = [];
  if (input.decision === 'REJECT' && !input.reason?.trim()) problems.push({ ruleId: 'CO-RESP-001', severity: 'error', path: 'reason', message: 'a rejection states its reason' });
  if (input.decision === 'USE' && !input.uses?.length) problems.push({ ruleId: 'CO-RESP-002', severity: 'error', path: 'uses', message: 'a use lists the quantities used per item' });
  if (input.decision !== 'USE' && input.uses !== undefined) problems.push({ ruleId: 'CO-RESP-003', severity: 'error', path: 'uses', message: `quantities go with decision USE, not ${input.decision}` });
  return problems;
}
