import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { CrlEntity } from './entities/crl.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { TrustAnchorEntity } from './entities/trust-anchor.entity';
import { CrlsService } from './services/crls.service';
import { DevKeysService } from './services/dev-keys.service';
import { KeyActivation } from './services/key-activation.service';
import { KeyEnrolmentService } from './services/key-enrolment.service';
import { KeyImportService } from './services/key-import.service';
import { KeyLifecycleService } from './services/key-lifecycle.service';
import { KeyOwnerResolver } from './services/key-owner.resolver';
import { NodeCertificateCheck } from './services/node-certificate-check.service';
import { PkiStore } from './services/pki.store';
import { SignatureCheckService } from './services/signature-check.service';
import { SignatureVerificationService } from './services/signature-verification.service';
import { TrustAnchorsService } from './services/trust-anchors.service';
import { SigningModule } from './signing/signing.module';

/**
 * Keys, trust anchors, CRLs and signature verification, without HTTP and without the certificates
 * module: what the API (PkiModule) and the command-line tools (npm run pki:dev) share.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SigningKeyEntity, TrustAnchorEntity, CrlEntity]), AuthoritiesModule, SigningModule],
  providers: [
    PkiStore,
    KeyOwnerResolver,
    KeyActivation,
    KeyEnrolmentService,
    KeyImportService,
    KeyLifecycleService,
    TrustAnchorsService,
    CrlsService,
    DevKeysService,
    SignatureVerificationService,
    SignatureCheckService,
    NodeCertificateCheck,
  ],
  exports: [
    KeyEnrolmentService,
    KeyImportService,
    KeyLifecycleService,
    TrustAnchorsService,
    CrlsService,
    DevKeysService,
    SignatureVerificationService,
    SignatureCheckService,
    NodeCertificateCheck,
    SigningModule,
  ],
})
export class PkiCoreModule {}
