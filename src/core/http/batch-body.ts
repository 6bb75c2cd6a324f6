import { RouteConfig } from '@nestjs/platform-fastify';
import type { Violation } from '../errors/violation';

/** The most items one batch request may carry (issue 14: a back-office's day, a manifest). */
export const BATCH_MAX_ITEMS = 500;

/** The route config key create-app reads to give a route the batch body limit. */
export const ROUTE_BODY_LIMIT = 'hubBodyLimit';

/**
 * The route takes HUB_BATCH_BODY_LIMIT instead of HUB_BODY_LIMIT. Fastify checks it before parsing
 * (against Content-Length, then while reading), so a larger body is 413 without being read.
 */
export const BatchBodyLimit = () => RouteConfig({ [ROUTE_BODY_LIMIT]: 'batch' });

const violation = (ruleId: string, path: string, message: string): Violation => ({ ruleId, severity: 'error', path, message });

/**
 * The body of a batch: `{ <field>: [item, ...] }` with 1 to BATCH_MAX_ITEMS items. Every problem of
 * the whole batch at once; the items themselves are each checked by the endpoint, one by one.
 */
export function readBatch(body: unknown, field: string, max = BATCH_MAX_ITEMS): { items: unknown[] } | { violations: Violation[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { violations: [violation('BATCH-001', '', `the body must be a JSON object: { "${field}": [ ... ] }`)] };
  }
  const problems = Object.keys(body)
    .filter((key) => key !== field)
    .map((key) => violation('SHAPE-whitelistValidation', key, `unknown field ${key}`));
  const items = (body as Record<string, unknown>)[field];
  if (!Array.isArray(items)) {
    problems.push(violation('BATCH-002', field, `${field} must be an array of 1 to ${max} items`));
  } else if (items.length === 0) {
    problems.push(violation('BATCH-003', field, `${field} is empty: send 1 to ${max} items`));
  } else if (items.length > max) {
    problems.push(violation('BATCH-004', field, `${field} has ${items.length} items; a batch takes at most ${max}: split it`));
  }
  return problems.length > 0 || !Array.isArray(items) ? { violations: problems } : { items };
}
