import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../../authorities/api-keys.service';
import { Public } from '../../core/auth/auth.decorators';
import { PrincipalKind } from '../../core/auth/principal';
import { RequestError, RequestErrorCode } from '../../core/errors/request-error';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { LOGIN_SCRIPT_HASH, renderLoginPage } from '../stats/render/login-page';
import { renderStatsPage } from '../stats/render/stats-page';
import { StatsQuery } from '../stats/stats.query';
import { StatsService } from '../stats/stats.service';
import { OpsSessionDto } from './ops-session.dto';
import { clearedCookie, operatorCredential, sessionCookie } from './operator-credential';

// No script but the sign-in form's own (by hash), no outside resource, no framing.
const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src ${LOGIN_SCRIPT_HASH}; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/**
 * The operator's analytics page. Routes marked @Public because the credential is checked here: the
 * operator token as a bearer header (tools, tests), or, for a browser, in an HttpOnly cookie set by
 * POST /ops/session. Never in the URL (access logs would keep it).
 */
@ApiTags('operations')
@Controller('ops')
export class OpsStatsController {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly stats: StatsService,
  ) {}

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
    const principal = credential ? await this.apiKeys.resolve(credential) : undefined;
    if (!principal) {
      if (credential) void reply.header('set-cookie', clearedCookie());
      void reply.status(401);
      return renderLoginPage(credential ? 'That credential is unknown or revoked. Sign in with the operator token.' : 'This page is for the operator. Sign in with the operator token.', true);
    }
    if (principal.kind !== PrincipalKind.OPERATOR) {
      void reply.status(403);
      return renderLoginPage('This page is for the operator only; authorities read their own figures at GET /v1/stats.', false);
    }
    return renderStatsPage(await this.stats.report(principal, query));
  }

  @Public()
  @Post('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign a browser in to the operator pages: the operator token, checked, becomes an HttpOnly cookie for /ops' })
  @ApiBody({ type: OpsSessionDto })
  @ApiNoContentResponse({ description: 'Signed in; the cookie is set' })
  @ApiProblems(400, 401, 413, 415, 422)
  async session(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body() body: OpsSessionDto): Promise<void> {
    const principal = await this.apiKeys.resolve(body.token);
    if (principal?.kind !== PrincipalKind.OPERATOR) throw new RequestError(RequestErrorCode.UNAUTHENTICATED, 'That is not the operator token');
    void reply.header('set-cookie', sessionCookie(body.token, request.protocol === 'https'));
  }
}
