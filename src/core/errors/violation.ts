/** One problem with an input: a business rule or a shape constraint, at a JSON path. */
export interface Violation {
  ruleId: string;
  severity: 'error' | 'warning';
  path: string;
  message: string;
}
