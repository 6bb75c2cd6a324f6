import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificatesModule } from '../certificates/certificates.module';
import { DatasetModule } from '../dataset/dataset.module';
import { ExchangeModule } from '../exchange/exchange.module';
import { VerificationAttachmentEntity } from './entities/verification-attachment.entity';
import { authorityExchangeConfig } from './authority-exchange.config';
import { CaseQueriesService } from './cases/case-queries.service';
import { CaseStore } from './cases/case-store';
import { CloseCaseUseCase } from './cases/close-case.use-case';
import { MarkOverdueCasesUseCase } from './cases/mark-overdue-cases.use-case';
import { OverdueCasesProcessor } from './cases/overdue-cases.processor';
import { RequestVerificationUseCase } from './cases/request-verification.use-case';
import { RespondToCaseUseCase } from './cases/respond-to-case.use-case';
import { VerificationCaseEntity } from './entities/verification-case.entity';
import { VerificationCasesController } from './cases/verification-cases.controller';
import { CustomsResponseQueriesService } from './customs-response/customs-response-queries.service';
import { CustomsResponseEntity } from './entities/customs-response.entity';
import { CustomsResponsesController } from './customs-response/customs-responses.controller';
import { RecordCustomsResponseUseCase } from './customs-response/record-customs-response.use-case';
import { ImportingSideAuthorisation } from './inbound/importing-side-authorisation';
import { AuthorityMessageHandler } from './inbound/authority-message.handler';
import { CustomsResponseReceiver } from './inbound/customs-response.receiver';
import { VerificationRequestReceiver } from './inbound/verification-request.receiver';
import { VerificationResponseReceiver } from './inbound/verification-response.receiver';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';

/**
 * The answers between authorities (DESIGN.md sections 5 and 6): customs responses, verification
 * cases with their attachments and due dates, each authority's inbox, and the receiving side of
 * CUSTOMS_RESPONSE, VERIFICATION_REQUEST and VERIFICATION_RESPONSE.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CustomsResponseEntity, VerificationCaseEntity, VerificationAttachmentEntity]),
    ConfigModule.forFeature(authorityExchangeConfig),
    CertificatesModule,
    DatasetModule,
    ExchangeModule,
  ],
  controllers: [CustomsResponsesController, VerificationCasesController, InboxController],
  providers: [
    CaseStore,
    RecordCustomsResponseUseCase,
    CustomsResponseQueriesService,
    RequestVerificationUseCase,
    RespondToCaseUseCase,
    CloseCaseUseCase,
    CaseQueriesService,
    MarkOverdueCasesUseCase,
    OverdueCasesProcessor,
    InboxService,
    CustomsResponseReceiver,
    VerificationRequestReceiver,
    VerificationResponseReceiver,
    AuthorityMessageHandler,
    ImportingSideAuthorisation,
  ],
  exports: [MarkOverdueCasesUseCase],
})
export class AuthorityExchangeModule {}
