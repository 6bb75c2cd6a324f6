import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { RequestError, RequestErrorCode } from '../core/errors/request-error';
import { ALLOWED_CAPABILITIES, Capability, OPTIONAL_AUTH_ROUTE, PUBLIC_ROUTE } from '../core/auth/auth.decorators';
import { ApiKeysService } from './api-keys.service';
import { capabilitiesOf } from '../core/auth/capabilities';
import { Principal } from '../core/auth/principal';

/**
 * Every route needs a credential unless marked @Public (none read) or @OptionalAuth (read when sent);
 * @Allow narrows who may call it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const header = request.headers.authorization;
    if (header === undefined && this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH_ROUTE, targets)) return true;
    const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
    if (!match) {
      throw new RequestError(RequestErrorCode.UNAUTHENTICATED, 'Send a bearer credential: Authorization: Bearer <key>');
    }
    const principal = await this.apiKeys.resolve(match[1]);
    if (!principal) throw new RequestError(RequestErrorCode.UNAUTHENTICATED, 'The credential is unknown or revoked');
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Capability[]>(ALLOWED_CAPABILITIES, targets);
    if (allowed && !capabilitiesOf(principal).some((c) => allowed.includes(c))) {
      throw new RequestError(RequestErrorCode.FORBIDDEN, `This action needs one of: ${allowed.join(', ')}`);
    }
    return true;
  }
}
