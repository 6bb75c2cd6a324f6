import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { DatasetModule } from '../dataset/dataset.module';
import { DeclarationMetrics } from './declarations/declaration-metrics';
import { DeclarationQueriesService } from './declarations/declaration-queries.service';
import { ImportDeclarationsController } from './import-declarations.controller';
import { ReceivedCertificateFinder } from './declarations/received-certificate-finder';
import { RecordDeclarationUseCase } from './declarations/record-declaration.use-case';
import { ImportDeclarationEntity } from './entities/import-declaration.entity';
import { PrefillService } from './prefill/prefill.service';

/** Import declarations matched with received certificates, and the prefill of a declaration. */
@Module({
  imports: [TypeOrmModule.forFeature([ImportDeclarationEntity]), CertificatesModule, DatasetModule, AuthoritiesModule],
  controllers: [ImportDeclarationsController],
  providers: [ReceivedCertificateFinder, RecordDeclarationUseCase, DeclarationQueriesService, PrefillService, DeclarationMetrics],
})
export class MatchingModule {}
