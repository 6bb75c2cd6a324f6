import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentPrincipal } from '../../core/auth/auth.decorators';
import type { Principal } from '../../core/auth/principal';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { VerificationStatisticsQuery, VerificationStatisticsView } from './verification-statistics.dto';
import { VerificationStatisticsService } from './verification-statistics.service';

@ApiTags('verification')
@ApiBearerAuth()
@Controller('v1/verifications')
export class VerificationStatisticsController {
  constructor(private readonly statistics: VerificationStatisticsService) {}

  @Get('statistics')
  @Allow(Capability.ISSUER, Capability.OPERATOR)
  @ApiOperation({ summary: "How the issuer's certificates were verified: counts by verdict, method and scope, and the most frequent reasons" })
  @ApiOkResponse({ type: VerificationStatisticsView })
  @ApiProblems(401, 403, 422)
  get(@CurrentPrincipal() principal: Principal, @Query() query: VerificationStatisticsQuery): Promise<VerificationStatisticsView> {
    return this.statistics.forIssuer(principal, query);
  }
}
