import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentOperatorOrAuthority } from '../../core/auth/auth.decorators';
import type { AuthorityPrincipal, OperatorPrincipal } from '../../core/auth/principal';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { StatsQuery } from './stats.query';
import { StatsReport, StatsService } from './stats.service';
import { StatsView } from './stats.view';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @Allow(Capability.OPERATOR, Capability.ISSUER, Capability.CUSTOMS)
  @ApiOperation({ summary: "Match rates, verifications and deliveries per period, partner and agreement: the hub's for the operator, its own slice for an authority" })
  @ApiOkResponse({ type: StatsView })
  @ApiProblems(401, 403, 422)
  report(@CurrentOperatorOrAuthority() principal: OperatorPrincipal | AuthorityPrincipal, @Query() query: StatsQuery): Promise<StatsReport> {
    return this.stats.report(principal, query);
  }
}
