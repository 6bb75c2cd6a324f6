import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../../authorities/api-keys.service';
import { OperatorSessionsService } from '../../authorities/operator-sessions/operator-sessions.service';
import { Public } from '../../core/auth/auth.decorators';
import { Principal, PrincipalKind } from '../../core/auth/principal';
import { hubConfig } from '../../core/config/hub.config';
import { RequestError, RequestErrorCode } from '../../core/errors/request-error';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { LOGIN_SCRIPT_HASH, renderLoginPage } from '../stats/render/login-page';
import { renderStatsPage } from '../stats/render/stats-page';
import { StatsQuery } from '../stats/stats.query';
import { StatsService } from '../stats/stats.service';
import { OpsSessionDto } from './ops-session.dto';
import { OperatorCredential, clearedCookie, operatorCredential, sessionCookie } from './operator-credential';

// No script but the sign-in form's own (by hash), no outside resource, no framing.
const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src ${LOGIN_SCRIPT_HASH}; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/**
 * The operator's analytics page. Routes marked @Public because the credential is checked here: the
 * operator token as a bearer header (tools, tests), or, for a browser, a session opened by POST
 * /ops/session and named by an HttpOnly cookie. Never the token in a URL or a cookie.
 */
@ApiTags('operations')
@Controller('ops')
export class OpsStatsController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: OperatorSessionsService,
    private readonly stats: StatsService,
    @Inject(hubConfig.KEY) config: ConfigType<typeof hubConfig>,
  ) {
    this.secureCookies = config.publicUrl.startsWith('https:');
  }

  @Public()
  @Get('stats')
  @ApiBearerAuth()
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'Exchange analytics for the operator: server-rendered HTML with SVG charts (bearer header or the /ops session cookie)' })
  @ApiOkResponse({ description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiProblems(422)
  async page(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query() query: StatsQuery): Promise<string> {
    void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', CSP).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-content-type-options', 'nosniff');
    const credential = operatorCredential(request);
    const principal = credential ? await this.principalOf(credential) : undefined;
    if (!principal) {
      if (credential?.kind === 'SESSION') void reply.header('set-cookie', clearedCookie(this.secureCookies));
      void reply.status(401);
      const message = credential?.kind === 'SESSION' ? 'Your session has ended. Sign in with the operator token.' : credential ? 'That credential is unknown or revoked. Sign in with the operator token.' : 'This page is for the operator. Sign in with the operator token.';
      return renderLoginPage(message, true);
    }
    if (principal.kind !== PrincipalKind.OPERATOR) {
      void reply.status(403);
      return renderLoginPage('This page is for the operator only; authorities read their own figures at GET /v1/stats.', false);
    }
    (request as FastifyRequest & { principal?: Principal }).principal = principal;
    return renderStatsPage(await this.stats.report(principal, query));
  }

  @Public()
  @Post('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign a browser in to the operator pages: the operator token, checked, opens a session named by an HttpOnly cookie for /ops. Failed attempts are limited per address (429).' })
  @ApiBody({ type: OpsSessionDto })
  @ApiNoContentResponse({ description: 'Signed in; the session cookie is set' })
  @ApiProblems(400, 401, 413, 415, 422, 429)
  async signIn(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body() body: OpsSessionDto): Promise<void> {
    const outcome = await this.sessions.signIn(body.token, request.ip);
    switch (outcome.kind) {
      case 'SIGNED_IN':
        void reply.header('set-cookie', sessionCookie(outcome.sessionId, outcome.maxAgeSeconds, this.secureCookies));
        return;
      case 'REFUSED':
        throw new RequestError(RequestErrorCode.UNAUTHENTICATED, 'That is not the operator token');
      case 'THROTTLED':
        void reply.header('retry-after', String(outcome.retryAfterSeconds));
        throw new RequestError(RequestErrorCode.TOO_MANY_REQUESTS, `Too many sign-in attempts from this address; retry in ${outcome.retryAfterSeconds} s`, { extra: { retryAfterSeconds: outcome.retryAfterSeconds } });
    }
  }

  @Public()
  @Delete('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign the browser out of the operator pages: its session ends and the cookie is cleared' })
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session)' })
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const credential = operatorCredential(request);
    if (credential?.kind === 'SESSION') await this.sessions.signOut(credential.sessionId);
    void reply.header('set-cookie', clearedCookie(this.secureCookies));
  }

  private async principalOf(credential: OperatorCredential): Promise<Principal | undefined> {
    if (credential.kind === 'BEARER') return this.apiKeys.resolve(credential.token);
    return (await this.sessions.isOpen(credential.sessionId)) ? { kind: PrincipalKind.OPERATOR } : undefined;
  }
}
