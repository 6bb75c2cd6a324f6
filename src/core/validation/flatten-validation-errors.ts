import type { ValidationError } from 'class-validator';
import { childPath } from './json-path';
import { shapeRuleId, type Violation } from './violations';

export interface FlattenOptions {
  /** Rule id prefix: `CO-SHAPE` gives `CO-SHAPE-isString`. */
  ruleIdPrefix?: string;
  /** JSON path the error tree hangs from ('' for the root). */
  basePath?: string;
}

// When a field is missing or of the wrong type, the other constraints on it only repeat that.
const TYPE_CONSTRAINTS = ['isArray', 'isObject', 'isString', 'isInt', 'isNumber', 'isBoolean'];

function keptConstraints(constraints: Record<string, string>): [string, string][] {
  const entries = Object.entries(constraints);
  if (constraints.isDefined) return [['isDefined', constraints.isDefined]];
  const typeFailure = TYPE_CONSTRAINTS.find((name) => constraints[name] !== undefined);
  if (typeFailure) return [[typeFailure, constraints[typeFailure]]];
  return entries;
}

function messageFor(constraint: string, message: string, path: string, property: string): string {
  if (constraint === 'whitelistValidation') return `unknown field ${path || property}`;
  if (constraint === 'isDefined') return `${path} is required`;
  // class-validator names the bare property; the full path tells a caller where it is.
  return message.startsWith(property) && path !== property ? `${path}${message.slice(property.length)}` : message;
}

/**
 * Flattens class-validator's error tree into violations with JSON paths such as `items[2].hsCode`
 * and `exporter.address.country`; unknown fields come out as `<prefix>-whitelistValidation` at their
 * own path. Reusable by any DTO (pass another `ruleIdPrefix`).
 */
export function flattenValidationErrors(errors: readonly ValidationError[], options: FlattenOptions = {}): Violation[] {
  const prefix = options.ruleIdPrefix ?? 'CO-SHAPE';
  const out: Violation[] = [];
  const walk = (list: readonly ValidationError[], parent: string): void => {
    for (const error of list) {
      // forbidUnknownValues reports an unknown value on the object itself, with no property.
      const path = error.property === undefined || error.property === '' ? parent : childPath(parent, error.property);
      for (const [constraint, message] of keptConstraints(error.constraints ?? {})) {
        out.push({
          ruleId: shapeRuleId(constraint, prefix),
          severity: 'error',
          path,
          message: messageFor(constraint, message, path, error.property ?? ''),
        });
      }
      if (error.children?.length) walk(error.children, path);
    }
  };
  walk(errors, options.basePath ?? '');
  return out;
}
