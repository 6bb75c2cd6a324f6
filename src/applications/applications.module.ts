import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { DatasetModule } from '../dataset/dataset.module';
import { PkiModule } from '../pki/pki.module';
import { ApplicationEventFlusher } from './application-event.flusher';
import { ApplicationQueriesService } from './application-queries.service';
import { ApplicationReviewController } from './application-review.controller';
import { ApplicationSettingsService } from './application-settings.service';
import { ApplicationSteps } from './application-steps';
import { ApplicationStore } from './application-store';
import { applicationsConfig } from './applications.config';
import { ApplicationsController } from './applications.controller';
import { ApplicationCommentEntity } from './entities/application-comment.entity';
import { ApplicationDocumentEntity } from './entities/application-document.entity';
import { ApplicationEventEntity } from './entities/application-event.entity';
import { ApplicationSettingsEntity } from './entities/application-settings.entity';
import { ApplicationEntity } from './entities/application.entity';
import { ApproveApplicationUseCase } from './use-cases/approve-application.use-case';
import { ExporterDraftsUseCase } from './use-cases/exporter-drafts.use-case';
import { ReviewApplicationUseCase } from './use-cases/review-application.use-case';
import { SignDeclarationUseCase } from './use-cases/sign-declaration.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application.use-case';
import { SupportingDocumentsUseCase } from './use-cases/supporting-documents.use-case';

/**
 * Exporters apply, officers decide: the application workflow (its transition table, four eyes, the
 * exporter's declaration and its signature, supporting documents, the officers' queue). On approval
 * the certificates module issues the certificate through its exported use case.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ApplicationEntity, ApplicationEventEntity, ApplicationCommentEntity, ApplicationDocumentEntity, ApplicationSettingsEntity]),
    ConfigModule.forFeature(applicationsConfig), AuthoritiesModule, DatasetModule, CertificatesModule, PkiModule],
  // The review routes first: /v1/applications/queue and /settings are not application ids.
  controllers: [ApplicationReviewController, ApplicationsController],
  providers: [
    ApplicationStore,
    ApplicationSteps,
    ApplicationEventFlusher,
    ApplicationQueriesService,
    ApplicationSettingsService,
    ExporterDraftsUseCase,
    SubmitApplicationUseCase,
    SupportingDocumentsUseCase,
    SignDeclarationUseCase,
    ReviewApplicationUseCase,
    ApproveApplicationUseCase,
  ],
  exports: [ApplicationQueriesService],
})
export class ApplicationsModule {}
