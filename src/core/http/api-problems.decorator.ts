import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Unparseable JSON (problem+json)',
  401: 'Missing, unknown or revoked credential',
  403: "The caller's role may not take this action",
  404: 'No such resource, or one the caller may not see',
  409: 'Conflict with the current state (named in the problem)',
  413: 'Body larger than the limit',
  415: 'Unsupported content type',
  422: 'Every validation or rule violation at once',
  429: 'Too many requests',
  503: 'A dependency is down',
};

/** Documents the problem+json answers of a route (ProblemView is registered as an extra model). */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemView' } } } }),
    ),
  );
}
