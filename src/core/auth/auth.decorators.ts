import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { RequestError, RequestErrorCode } from '../errors/request-error';
import { PrincipalKind, type AuthorityPrincipal, type OperatorPrincipal, type Principal } from './principal';

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

/**
 * The calling authority, on a route that only authorities may call (@Allow(Capability.ISSUER) or
 * CUSTOMS). The guard has already refused anyone else; should a route forget it, this is 403 too.
 */
export const CurrentAuthority = createParamDecorator((_data: unknown, context: ExecutionContext): AuthorityPrincipal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (principal?.kind !== PrincipalKind.AUTHORITY) throw new RequestError(RequestErrorCode.FORBIDDEN, 'Only an authority may take this action');
  return principal;
});

/** The operator or an authority, on a route that answers each with its own slice; anyone else is 403. */
export const CurrentOperatorOrAuthority = createParamDecorator((_data: unknown, context: ExecutionContext): OperatorPrincipal | AuthorityPrincipal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (principal?.kind !== PrincipalKind.AUTHORITY && principal?.kind !== PrincipalKind.OPERATOR) {
    throw new RequestError(RequestErrorCode.FORBIDDEN, 'Only the operator or an authority may take this action');
  }
  return principal;
});
