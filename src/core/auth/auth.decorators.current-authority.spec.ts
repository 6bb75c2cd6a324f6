import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestError, RequestErrorCode } from '../errors/request-error';
import { CurrentAuthority, CurrentOperatorOrAuthority } from './auth.decorators';
import { AuthorityRole } from './authority-role';
import { PrincipalKind, type Principal } from './principal';

// The function Nest calls to resolve a parameter decorated with `decorator`.
function resolverOf(decorator: () => ParameterDecorator): (data: unknown, context: ExecutionContext) => unknown {
  class Probe {
    handle(@decorator() _principal: unknown): void {}
  }
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Probe, 'handle') as Record<string, { factory: (data: unknown, context: ExecutionContext) => unknown }>;
  return Object.values(args)[0].factory;
}

function contextWith(principal: Principal | undefined): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ principal }) }) } as unknown as ExecutionContext;
}

const authority: Principal = { kind: PrincipalKind.AUTHORITY, authorityId: 'a1', code: 'KH-MOC', country: 'KH', roles: [AuthorityRole.ISSUER], apiKeyId: 'k1' };
const trader: Principal = { kind: PrincipalKind.TRADER, traderId: 't1', partyId: 'KH-TIN-1', country: 'KH', apiKeyId: 'k2' };
const operator: Principal = { kind: PrincipalKind.OPERATOR };

function forbidden(run: () => unknown): RequestErrorCode | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof RequestError ? error.code : undefined;
  }
  return undefined;
}

describe('@CurrentAuthority() and @CurrentOperatorOrAuthority()', () => {
  it('gives an authority route its authority, and refuses anyone else with 403', () => {
    const resolve = resolverOf(CurrentAuthority);
    expect(resolve(undefined, contextWith(authority))).toBe(authority);
    expect(forbidden(() => resolve(undefined, contextWith(trader)))).toBe(RequestErrorCode.FORBIDDEN);
    expect(forbidden(() => resolve(undefined, contextWith(operator)))).toBe(RequestErrorCode.FORBIDDEN);
    expect(forbidden(() => resolve(undefined, contextWith(undefined)))).toBe(RequestErrorCode.FORBIDDEN);
  });

  it('gives a route of the operator and the authorities its caller, and refuses a trader with 403', () => {
    const resolve = resolverOf(CurrentOperatorOrAuthority);
    expect(resolve(undefined, contextWith(operator))).toBe(operator);
    expect(resolve(undefined, contextWith(authority))).toBe(authority);
    expect(forbidden(() => resolve(undefined, contextWith(trader)))).toBe(RequestErrorCode.FORBIDDEN);
  });
});
