import { STATUS_CODES } from 'node:http';
import type { Violation } from './violation';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with the hub's stable `code` and the violations of a 422. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  violations?: Violation[];
  [extension: string]: unknown;
}

export function problemTypeUri(code: string): string {
  return `urn:ecoo-hub:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export function buildProblem(input: {
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  violations?: Violation[];
  extra?: Record<string, unknown>;
}): Problem {
  const problem: Problem = {
    type: problemTypeUri(input.code),
    title: STATUS_CODES[input.status] ?? 'Error',
    status: input.status,
    code: input.code,
  };
  if (input.detail) problem.detail = input.detail;
  if (input.instance) problem.instance = input.instance;
  if (input.requestId) problem.requestId = input.requestId;
  if (input.violations) problem.violations = input.violations;
  if (input.extra) Object.assign(problem, input.extra);
  return problem;
}
