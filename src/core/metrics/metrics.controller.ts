import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { bearerOf, sameSecret } from '../auth/bearer';
import { hubConfig } from '../config/hub.config';
import { RequestError, RequestErrorCode } from '../errors/request-error';
import { ApiProblems } from '../http/api-problems.decorator';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(hubConfig.KEY) private readonly config: ConfigType<typeof hubConfig>,
  ) {}

  // @Public because the credential is its own: scrapers hold HUB_METRICS_TOKEN, never an API key.
  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Prometheus metrics; with HUB_METRICS_TOKEN set, only for that bearer token (or the operator token)' })
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(401)
  async scrape(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected !== undefined) {
      const presented = bearerOf(request.headers.authorization);
      // Both compared every time, so the answer's timing does not tell which token was close.
      const scraper = presented !== undefined && sameSecret(presented, expected);
      const operator = presented !== undefined && sameSecret(presented, this.config.adminToken);
      if (!scraper && !operator) {
        void reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new RequestError(RequestErrorCode.UNAUTHENTICATED, 'This hub closes /metrics: send Authorization: Bearer <HUB_METRICS_TOKEN>');
      }
    }
    return this.metrics.text();
  }
}
