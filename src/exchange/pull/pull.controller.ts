import { Body, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../core/auth/auth.decorators';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { PullAcknowledgementsDto, PullAcknowledgementsView, PullRequestDto, PullView } from '../dto/pull.dto';
import { AcknowledgePulledUseCase } from './acknowledge-pulled.use-case';
import { PullCaller } from './pull-caller';
import { ServePullUseCase } from './serve-pull.use-case';

/** Pull mode (README, "Pull mode"): a partner that cannot expose an endpoint takes its envelopes and acknowledges them. */
@ApiTags('exchange')
@ApiBearerAuth()
@Controller('v1/exchange/pull')
export class PullController {
  constructor(
    private readonly caller: PullCaller,
    private readonly serve: ServePullUseCase,
    private readonly acknowledge: AcknowledgePulledUseCase,
  ) {}

  // Partners authenticate with the inbound token this hub issued them, as for POST /v1/exchange/envelopes.
  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the oldest envelopes waiting for the calling partner (PULL), leased for leaseMs' })
  @ApiOkResponse({ type: PullView })
  @ApiProblems(400, 401, 409, 413, 415, 422, 429)
  async pull(@Headers('authorization') authorization: string | undefined, @Body() body: PullRequestDto, @Req() request: FastifyRequest): Promise<PullView> {
    return this.serve.execute(await this.caller.partner(authorization, request.ip), body);
  }

  @Public()
  @Post('acknowledgements')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge or refuse pulled envelopes, each by envelopeId, in the form a pushed envelope is answered' })
  @ApiOkResponse({ type: PullAcknowledgementsView })
  @ApiProblems(400, 401, 413, 415, 422, 429)
  async acknowledgements(@Headers('authorization') authorization: string | undefined, @Body() body: PullAcknowledgementsDto, @Req() request: FastifyRequest): Promise<PullAcknowledgementsView> {
    return this.acknowledge.execute(await this.caller.partner(authorization, request.ip), body);
  }
}
