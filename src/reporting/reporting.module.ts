import { Module } from '@nestjs/common';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { OpsStatsController } from './ops/ops-stats.controller';
import { AnalyticsGauges } from './stats/analytics-gauges';
import { StatsQueries } from './stats/stats-queries';
import { StatsController } from './stats/stats.controller';
import { StatsService } from './stats/stats.service';
import { VerificationStatisticsController } from './verification-statistics/verification-statistics.controller';
import { VerificationStatisticsService } from './verification-statistics/verification-statistics.service';

/**
 * The read model: analytics (GET /v1/stats, the operator's /ops pages), verification statistics and
 * the Prometheus gauges of hub-wide figures. The one module that reads other modules' tables, for
 * figures only, never to change them; no module imports it.
 */
@Module({
  imports: [AuthoritiesModule],
  controllers: [StatsController, OpsStatsController, VerificationStatisticsController],
  providers: [StatsQueries, StatsService, VerificationStatisticsService, AnalyticsGauges],
})
export class ReportingModule {}
