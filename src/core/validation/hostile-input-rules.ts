import type { Violation } from '../errors/violation';
import { JsonProblem } from './strict-json';

// Rules of input that has no single reading or cannot be stored, whoever reads it: the HTTP body
// parser (core/http/hostile-input.ts) and readers of uploaded documents.

/** Rule ids of input refused before any handler reads it (SECURITY.md, "Hostile bytes"). */
export enum HostileInputRule {
  JSON_TOO_DEEP = 'JSON-DEPTH-001',
  JSON_DUPLICATE_KEY = 'JSON-DUPKEY-001',
  INVALID_UTF8 = 'UTF8-001',
  UNSTORABLE_TEXT = 'TEXT-NUL-001',
  URL_UNREADABLE = 'URL-001',
}

const RULE_OF: Partial<Record<JsonProblem, HostileInputRule>> = {
  [JsonProblem.TOO_DEEP]: HostileInputRule.JSON_TOO_DEEP,
  [JsonProblem.DUPLICATE_KEY]: HostileInputRule.JSON_DUPLICATE_KEY,
  [JsonProblem.INVALID_UTF8]: HostileInputRule.INVALID_UTF8,
};

/** The rule of a body that has no single reading (too deep, a duplicate key, invalid UTF-8), if it is one. */
export function unreadableJsonRule(problem: JsonProblem): HostileInputRule | undefined {
  return RULE_OF[problem];
}

const UNREADABLE_RULES = new Set<string>(Object.values(RULE_OF));

/** True for the violation of a body with no single reading: a 400, not a 422. */
export function isUnreadableJson(violation: Violation): boolean {
  return UNREADABLE_RULES.has(violation.ruleId);
}

const placeOf = (path: string): string => path || 'the body';

/** A violation per string PostgreSQL cannot store (U+0000, lone surrogates). */
export function unstorableViolations(paths: string[], prefix = ''): Violation[] {
  return paths.map((path) => ({
    ruleId: HostileInputRule.UNSTORABLE_TEXT,
    severity: 'error',
    path: prefix ? (path ? `${prefix}.${path}` : prefix) : path,
    message: `${placeOf(prefix ? `${prefix}.${path}` : path)} holds U+0000 or a lone surrogate, which no text field accepts`,
  }));
}

