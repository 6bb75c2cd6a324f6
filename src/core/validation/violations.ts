import type { Violation } from '../errors/violation';

// One definition of a violation for the whole hub (core/errors owns it; the problem filter serialises it).
export type { Violation };

export type ViolationSeverity = Violation['severity'];

/** The rule id of a shape (class-validator) violation: `CO-SHAPE-isString`, `CO-SHAPE-whitelistValidation`. */
export function shapeRuleId(constraint: string, prefix = 'CO-SHAPE'): string {
  return `${prefix}-${constraint}`;
}

export function hasErrors(violations: readonly Violation[]): boolean {
  return violations.some((v) => v.severity === 'error');
}
