import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { DatasetModule } from '../dataset/dataset.module';
import { PkiModule } from '../pki/pki.module';
import { CertificatePdfController } from './document/certificate-pdf.controller';
import { CertificatePdfService } from './document/certificate-pdf.service';
import { VerificationRecordEntity } from './entities/verification-record.entity';
import { VerificationLog } from './log/verification-log';
import { PublicClients } from './public/public-clients';
import { PublicPageController } from './public/public-page.controller';
import { PublicRateLimitGuard } from './public/public-rate-limit.guard';
import { verificationConfig } from './verification.config';
import { DatasetRecheckService } from './verify/dataset-recheck.service';
import { VerificationsController } from './verify/verifications.controller';
import { VerifyBatchUseCase } from './verify/verify-batch.use-case';
import { VerifyCertificateUseCase } from './verify/verify-certificate.use-case';

/**
 * Verification (DESIGN.md section 3): the verdict on a certificate (POST /v1/verifications), its
 * public page (GET /verify/{token}), its PDF with the page's QR code, and the verification log (the
 * issuer's statistics are reporting's). The command-line verifier (cli/) shares the pure verdict in verify/domain.
 */
@Module({
  imports: [TypeOrmModule.forFeature([VerificationRecordEntity]), ConfigModule.forFeature(verificationConfig), AuthoritiesModule, CertificatesModule, DatasetModule, PkiModule],
  controllers: [VerificationsController, PublicPageController, CertificatePdfController],
  providers: [
    VerifyCertificateUseCase,
    VerifyBatchUseCase,
    DatasetRecheckService,
    VerificationLog,
    PublicClients,
    PublicRateLimitGuard,
    CertificatePdfService,
  ],
  exports: [VerifyCertificateUseCase],
})
export class VerificationModule {}
