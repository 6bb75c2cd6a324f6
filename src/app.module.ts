import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApplicationsModule } from './applications/applications.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './authorities/auth.guard';
import { AuthoritiesModule } from './authorities/authorities.module';
import { CertificatesModule } from './certificates/certificates.module';
import { CoreModule } from './core/core.module';
import { DatasetModule } from './dataset/dataset.module';
import { ExchangeModule } from './exchange/exchange.module';
import { MatchingModule } from './matching/matching.module';
import { PkiModule } from './pki/pki.module';
import { AuthorityExchangeModule } from './authority-exchange/authority-exchange.module';
import { ReportingModule } from './reporting/reporting.module';
import { ProblemFilter } from './core/errors/problem.filter';
import { IdempotencyInterceptor } from './core/http/idempotency.interceptor';
import { VerificationModule } from './verification/verification.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [CoreModule.forHub(), AuditModule.withSequencer({ imports: [ExchangeModule] }), AuthoritiesModule, DatasetModule, CertificatesModule, PkiModule, ExchangeModule, VerificationModule, AuthorityExchangeModule, MatchingModule, ApplicationsModule, WebhooksModule, ReportingModule],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class AppModule {}
