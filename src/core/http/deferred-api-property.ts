import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * `@ApiProperty` and `@ApiPropertyOptional` for DTOs that code without the API also loads: the
 * dataset's certificate DTOs, whose shape the offline verifier (`ecoo-verify`) and every pure
 * validation check. Loading `@nestjs/swagger` (and the Nest packages it pulls in) took about 0.7 s of
 * the verifier's 1 s start, for decorations it never reads. These keep each property's options, in
 * the order the classes declared them, and hand them to `@nestjs/swagger`'s own decorators when the
 * API builds its OpenAPI document (create-app.ts calls applyDeferredApiProperties first), so the
 * document is the same as with the decorators applied at once. A class that extends one of these
 * DTOs decorates its own properties with these too: `@nestjs/swagger` copies a parent's list of
 * properties when the child is decorated.
 */
interface Deferred {
  target: object;
  property: string | symbol;
  options: ApiPropertyOptions;
  optional: boolean;
}

const deferred: Deferred[] = [];

function defer(options: ApiPropertyOptions, optional: boolean): PropertyDecorator {
  return (target, property) => {
    deferred.push({ target, property, options, optional });
  };
}

export function ApiProperty(options: ApiPropertyOptions = {}): PropertyDecorator {
  return defer(options, false);
}

export function ApiPropertyOptional(options: ApiPropertyOptions = {}): PropertyDecorator {
  return defer(options, true);
}

/** Applies every property decoration kept so far with `@nestjs/swagger` (once each), before a document is built. */
export function applyDeferredApiProperties(): void {
  if (deferred.length === 0) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by the API, when it builds its document
  const swagger = require('@nestjs/swagger') as typeof import('@nestjs/swagger');
  for (const { target, property, options, optional } of deferred.splice(0)) {
    (optional ? swagger.ApiPropertyOptional : swagger.ApiProperty)(options)(target, property);
  }
}
