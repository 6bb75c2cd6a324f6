import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { DatasetModule } from '../dataset/dataset.module';
import { DeclarationQueriesService } from './declarations/declaration-queries.service';
import { ImportDeclarationsController } from './declarations/import-declarations.controller';
import { ReceivedCertificateFinder } from './declarations/received-certificate-finder';
import { RecordDeclarationUseCase } from './declarations/record-declaration.use-case';
import { ImportDeclarationEntity } from './entities/import-declaration.entity';
import { OpsStatsController } from '../reporting/ops/ops-stats.controller';
import { PrefillService } from './prefill/prefill.service';
import { MatchingMetrics } from '../reporting/stats/matching-metrics';
import { StatsController } from '../reporting/stats/stats.controller';
import { StatsQueries } from '../reporting/stats/stats-queries';
import { StatsService } from '../reporting/stats/stats.service';

/** Import declarations matched with received certificates, prefill, and the exchange analytics. */
@Module({
  imports: [TypeOrmModule.forFeature([ImportDeclarationEntity]), CertificatesModule, DatasetModule, AuthoritiesModule],
  controllers: [ImportDeclarationsController, StatsController, OpsStatsController],
  providers: [ReceivedCertificateFinder, RecordDeclarationUseCase, DeclarationQueriesService, PrefillService, StatsQueries, StatsService, MatchingMetrics],
})
export class MatchingModule {}
