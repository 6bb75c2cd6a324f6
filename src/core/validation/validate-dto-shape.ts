import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from './flatten-validation-errors';
import { childPath } from './json-path';
import { plainShapeHolds, shapeHolds } from './shape-holds';
import { memoizeValidationMetadata } from './validation-metadata-memo';
import { shapeRuleId, type Violation } from './violations';

memoizeValidationMetadata();

export interface ShapeResult<T> {
  /** The validated instance; present only when there is no violation. */
  value?: T;
  violations: Violation[];
}

// class-transformer drops these keys silently, so whitelisting would never see them: refuse them here.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a forbidden key is anywhere in the body: the walk below names each path, which only a refusal needs. */
function holdsForbiddenKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsForbiddenKey);
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (FORBIDDEN_KEYS.has(key) || holdsForbiddenKey(value[key])) return true;
  return false;
}

function forbiddenKeyViolations(value: unknown, path: string, prefix: string, out: Violation[]): void {
  if (Array.isArray(value)) {
    value.forEach((element, index) => forbiddenKeyViolations(element, childPath(path, index), prefix, out));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    const keyPath = childPath(path, key);
    if (FORBIDDEN_KEYS.has(key)) {
      out.push({ ruleId: shapeRuleId('whitelistValidation', prefix), severity: 'error', path: keyPath, message: `unknown field ${keyPath}` });
    } else {
      forbiddenKeyViolations(value[key], keyPath, prefix, out);
    }
  }
}

/**
 * Validates an untrusted JSON body against a DTO class: no implicit conversion, unknown fields refused
 * at their path, every violation at once. A body that is not a JSON object is one violation at ''.
 * `asPlain`: a valid body's value is the body itself, checked without making the instance
 * (plainShapeHolds), for callers that read it as JSON and never as an instance of the class (the
 * certificate documents, which are copied into their stored form). Whether a body passes, and every
 * violation of one that does not, is the same either way.
 */
export function validateDtoShape<T extends object>(
  cls: ClassConstructor<T>,
  body: unknown,
  ruleIdPrefix = 'CO-SHAPE',
  asPlain = false,
): ShapeResult<T> {
  if (!isPlainObject(body)) {
    return {
      violations: [{ ruleId: shapeRuleId('isObject', ruleIdPrefix), severity: 'error', path: '', message: 'the body must be a JSON object' }],
    };
  }
  const violations: Violation[] = [];
  if (holdsForbiddenKey(body)) forbiddenKeyViolations(body, '', ruleIdPrefix, violations);
  if (asPlain && violations.length === 0 && plainShapeHolds(cls, body)) return { value: body as T, violations };
  const instance = plainToInstance(cls, body, { enableImplicitConversion: false });
  // Where every rule holds, class-validator would find nothing: its errors are built only when one may not.
  if (violations.length === 0 && shapeHolds(instance)) return { value: instance, violations };
  // shapeHolds answers for exactly these options: change them together.
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  violations.push(...flattenValidationErrors(errors, { ruleIdPrefix }));
  return violations.length === 0 ? { value: instance, violations } : { violations };
}
