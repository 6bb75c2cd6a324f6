import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { Principal } from './principal';

export enum Capability {
  OPERATOR = 'OPERATOR',
  ISSUER = 'ISSUER',
  CUSTOMS = 'CUSTOMS',
  TRADER = 'TRADER',
}

export const PUBLIC_ROUTE = 'ecoo:public';
export const OPTIONAL_AUTH_ROUTE = 'ecoo:optional-auth';
export const ALLOWED_CAPABILITIES = 'ecoo:allowed';

/** No credential needed (health, metrics, docs, public pages). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Anyone may call; a credential, when sent, is resolved (and a bad one is 401), so the handler can
 * answer the public and known callers differently. Read the caller with @OptionalPrincipal().
 */
export const OptionalAuth = () => SetMetadata(OPTIONAL_AUTH_ROUTE, true);

/** Which callers may take this action; anyone else authenticated gets 403. */
export const Allow = (...capabilities: Capability[]) => SetMetadata(ALLOWED_CAPABILITIES, capabilities);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<{ principal: Principal }>().principal;
});

/** The caller on an @OptionalAuth route: undefined when no credential was sent. */
export const OptionalPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | undefined => {
  return context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
});
