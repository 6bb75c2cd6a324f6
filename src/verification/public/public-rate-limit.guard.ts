import { CanActivate, ExecutionContext, Inject, Injectable, createParamDecorator } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../core/auth/principal';
import { RequestError, RequestErrorCode } from '../../core/errors/request-error';
import { PublicClients } from './public-clients';
import { PublicRateLimiter, RateDecision } from '../../core/http/rate-limit/public-rate-limiter';
import { verificationConfig } from '../verification.config';

// The API, the batch and the public page share one budget per client.
export const PUBLIC_VERIFICATION_SCOPE = 'verification';

type PublicRequest = FastifyRequest & { principal?: Principal; publicClientKey?: string };

/**
 * Limits unauthenticated verifications per client address (429 with Retry-After); callers with a key
 * are not limited here. Runs after the auth guard, so it knows whether there is a principal.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: PublicRateLimiter,
    private readonly clients: PublicClients,
    @Inject(verificationConfig.KEY) private readonly config: ConfigType<typeof verificationConfig>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PublicRequest>();
    const key = this.clients.keyOf(request.ip);
    request.publicClientKey = key;
    if (request.principal) return true;
    const decision = await this.limiter.consume(PUBLIC_VERIFICATION_SCOPE, request.ip, { limit: this.config.publicRateLimit, windowSeconds: this.config.publicRateWindowSeconds });
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    rateHeaders(reply, decision);
    if (decision.allowed) return true;
    throw tooManyVerifications(decision);
  }
}

/** The public limit's headers: the limit and what remains, and Retry-After once nothing does. */
export function rateHeaders(reply: FastifyReply, decision: RateDecision): void {
  void reply.header('ratelimit-limit', String(decision.limit)).header('ratelimit-remaining', String(decision.remaining));
  if (!decision.allowed) void reply.header('retry-after', String(decision.resetSeconds));
}

/** 429 for a verification over the public limit (a request, or one reference of a batch). */
export function tooManyVerifications(decision: RateDecision): RequestError {
  return new RequestError(RequestErrorCode.TOO_MANY_REQUESTS, `Too many verifications from this address: at most ${decision.limit} per window without an API key; retry in ${decision.resetSeconds} s`, {
    extra: { retryAfterSeconds: decision.resetSeconds },
  });
}

/** The keyed hash of the caller's address, set by PublicRateLimitGuard. */
export const PublicClientKey = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  return context.switchToHttp().getRequest<PublicRequest>().publicClientKey ?? 'unknown';
});
