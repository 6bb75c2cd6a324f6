import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { DatasetModule } from '../dataset/dataset.module';
import { ExchangeModule } from '../exchange/exchange.module';
import { PkiModule } from '../pki/pki.module';
import { CertificateEventFlusher } from './certificate-event.flusher';
import { CertificateIssuance } from './certificate-issuance';
import { CertificateQueriesService } from './certificate-queries.service';
import { CertificateSignatureController } from './certificate-signature.controller';
import { CertificateSignatureService } from './certificate-signature.service';
import { CertificateRecords } from './certificate-records.service';
import { CertificateStore } from './certificate-store';
import { CheckedDrafts } from './checked-drafts';
import { CredentialStatusEntryEntity } from './entities/credential-status-entry.entity';
import { CredentialStatusListEntity } from './entities/credential-status-list.entity';
import { CertificatesBatchController } from './certificates-batch.controller';
import { CertificatesController } from './certificates.controller';
import { CertificateEventEntity } from './entities/certificate-event.entity';
import { CertificateEntity } from './entities/certificate.entity';
import { ExpiryProcessor } from './expiry.processor';
import { ImportStatusService } from './import-status/import-status.service';
import { CertificateLedger } from './ledger/certificate-ledger';
import { CertificateMessageHandler } from './receipt/certificate-message.handler';
import { ReceivedCertificatesService } from './receipt/received-certificates.service';
import { CertificateUseEntity } from './entities/certificate-use.entity';
import { CertificateRenditionEntity } from './entities/certificate-rendition.entity';
import { CertificateRenditionsService } from './renditions/certificate-renditions.service';
import { CredentialStatusLists } from './credentials/credential-status-lists.service';
import { StatusListsController } from './credentials/status-lists.controller';
import { ReceivedRenditions } from './receipt/received-renditions';
import { CancelCertificateUseCase } from './use-cases/cancel-certificate.use-case';
import { CreateCertificateFromFormatUseCase } from './use-cases/create-certificate-from-format.use-case';
import { CreateCertificateUseCase } from './use-cases/create-certificate.use-case';
import { DuplicateCertificateUseCase } from './use-cases/duplicate-certificate.use-case';
import { ExpireCertificatesUseCase } from './use-cases/expire-certificates.use-case';
import { IssueBatchUseCase } from './use-cases/issue-batch.use-case';
import { IssueCertificateUseCase } from './use-cases/issue-certificate.use-case';
import { IssueOnApplicationUseCase } from './use-cases/issue-on-application.use-case';
import { ReplaceCertificateUseCase } from './use-cases/replace-certificate.use-case';
import { UpdateDraftUseCase } from './use-cases/update-draft.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([CertificateEntity, CertificateEventEntity, CertificateUseEntity, CertificateRenditionEntity, CredentialStatusListEntity, CredentialStatusEntryEntity]), DatasetModule, ExchangeModule, PkiModule, AuthoritiesModule],
  controllers: [CertificatesController, CertificatesBatchController, CertificateSignatureController, StatusListsController],
  providers: [
    CertificateStore,
    CheckedDrafts,
    CertificateRecords,
    CertificateEventFlusher,
    CertificateIssuance,
    CertificateQueriesService,
    CertificateSignatureService,
    CertificateRenditionsService,
    CredentialStatusLists,
    ReceivedRenditions,
    CreateCertificateUseCase,
    CreateCertificateFromFormatUseCase,
    UpdateDraftUseCase,
    IssueCertificateUseCase,
    IssueOnApplicationUseCase,
    IssueBatchUseCase,
    CancelCertificateUseCase,
    ReplaceCertificateUseCase,
    DuplicateCertificateUseCase,
    ExpireCertificatesUseCase,
    ExpiryProcessor,
    CertificateLedger,
    ReceivedCertificatesService,
    CertificateMessageHandler,
    ImportStatusService,
  ],
  exports: [IssueOnApplicationUseCase, CertificateQueriesService, ExpireCertificatesUseCase, CertificateLedger, ReceivedCertificatesService, CertificateRecords, ImportStatusService],
})
export class CertificatesModule {}
