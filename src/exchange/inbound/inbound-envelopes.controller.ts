import { Body, Controller, Get, Headers, HttpCode, Post, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, Public } from '../../core/auth/auth.decorators';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import type { JsonBodyRouteConfig, KeptJsonBody } from '../../core/http/hostile-input';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { receiptAsked } from '../receipts/domain/receipt-rules';
import { AcknowledgementView } from '../dto/delivery.view';
import { EnvelopeDto } from '../dto/envelope.dto';
import { InboundEnvelopeView, QuarantinedEnvelopeView } from '../dto/inbound.view';
import { LimitQuery } from '../dto/limit.query';
import { InboundQueriesService } from './inbound-queries.service';
import { ReceiveEnvelopeUseCase } from './receive-envelope.use-case';

@ApiTags('exchange')
@ApiBearerAuth()
@Controller('v1/exchange')
export class InboundEnvelopesController {
  constructor(
    private readonly receive: ReceiveEnvelopeUseCase,
    private readonly queries: InboundQueriesService,
  ) {}

  // Partners authenticate with the inbound token this hub issued them, not with an API key.
  @Public()
  @Post('envelopes')
  // U+0000 and lone surrogates are judged after the node signature (DESIGN.md section 6); a body with
  // no single reading (duplicate keys, invalid UTF-8, too deep) is not an envelope.
  @RouteConfig({
    jsonBody: {
      keepUnstorableStrings: true,
      refuse: (message, violations) => new ExchangeError(ExchangeErrorCode.NOT_AN_ENVELOPE, `Not an envelope: ${message}`, undefined, violations),
    },
  } satisfies JsonBodyRouteConfig)
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive an envelope from a partner hub (exchange protocol, DESIGN.md section 6)' })
  @ApiBody({ type: EnvelopeDto })
  @ApiOkResponse({ type: AcknowledgementView, description: 'Stored: DELIVERED, DELIVERED_WITH_WARNINGS or DELIVERED_NOT_READABLE; a repeat gets the first answer. With a signed receipt when the partner is registered receipts SIGNED or asks with `Prefer: receipt=signed`' })
  @ApiProblems(400, 401, 409, 413, 415, 422, 429)
  envelope(@Headers('authorization') authorization: string | undefined, @Body() body: unknown, @Req() request: FastifyRequest & KeptJsonBody): Promise<AcknowledgementView> {
    return this.receive.execute(authorization, body, {
      address: request.ip,
      rawBody: request.rawBody,
      unstorableStrings: request.unstorableStrings ?? [],
      receiptAsked: receiptAsked(request.headers.prefer),
    });
  }

  @Get('inbound')
  @Allow(Capability.OPERATOR)
  @ApiOperation({ summary: 'Envelopes received from partners, newest first' })
  @ApiOkResponse({ type: InboundEnvelopeView, isArray: true })
  @ApiProblems(401, 403, 422)
  inbound(@Query() query: LimitQuery): Promise<InboundEnvelopeView[]> {
    return this.queries.received(query.limit ? Number(query.limit) : 50);
  }

  @Get('quarantine')
  @Allow(Capability.OPERATOR)
  @ApiOperation({ summary: 'Envelopes refused with a 4xx (unknown sender, not an envelope, bad node signature, outside the replay window)' })
  @ApiOkResponse({ type: QuarantinedEnvelopeView, isArray: true })
  @ApiProblems(401, 403, 422)
  quarantine(@Query() query: LimitQuery): Promise<QuarantinedEnvelopeView[]> {
    return this.queries.quarantined(query.limit ? Number(query.limit) : 50);
  }
}
