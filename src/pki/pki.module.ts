import { Logger, Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { hubConfig } from '../core/config/hub.config';
import { DatabaseKeyStore } from './keys/database-key-store';
import { KeyStores } from './keys/key-stores';
import { Pkcs11KeyStore } from './keys/pkcs11/pkcs11-key-store';
import { pkiConfig } from './pki.config';
import { SigningKeysController } from './signing-keys.controller';
import { TrustController } from './trust.controller';
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
import { PkiStore } from './pki.store';
import { SignatureCheckService } from './services/signature-check.service';
import { SignatureVerificationService } from './services/signature-verification.service';
import { TrustAnchorsService } from './services/trust-anchors.service';
import { ActiveKeySigner } from './signing/active-key-signer';
import { ActiveKeys } from './signing/active-keys';
import { CertificateSealer, DigestOnlySealer } from './signing/certificate-sealer';
import { CmsCertificateSealer } from './signing/cms-certificate-sealer';
import { KeyVault } from './signing/key-vault';
import { SignatureCheckMacs } from './signing/signature-check-macs';
import { RecordKeySigner } from './signing/record-key-signer';
import { SignerCache } from './signing/signer-cache';
import { StoredRecordKeySigner } from './signing/stored-record-key-signer';

/**
 * Keys, X.509 certificates, CSRs, trust anchors and revocation (DESIGN.md section 7): the operator
 * API, the development PKI (also `npm run pki:dev`, which builds its context from this module),
 * signing with stored keys (the certificates module's sealer), kept in the database or in a PKCS#11
 * token (keys/), and signature verification.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SigningKeyEntity, TrustAnchorEntity, CrlEntity]), ConfigModule.forFeature(pkiConfig), AuthoritiesModule],
  controllers: [SigningKeysController, TrustController],
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
    KeyVault,
    SignatureCheckMacs,
    DatabaseKeyStore,
    Pkcs11KeyStore,
    KeyStores,
    SignerCache,
    ActiveKeySigner,
    ActiveKeys,
    CmsCertificateSealer,
    { provide: RecordKeySigner, useClass: StoredRecordKeySigner },
    {
      // Two implementations: the CMS sealer, and the digest-only one a benchmark may ask for.
      provide: CertificateSealer,
      inject: [hubConfig.KEY, CmsCertificateSealer],
      useFactory: (config: ConfigType<typeof hubConfig>, cms: CmsCertificateSealer): CertificateSealer => {
        if (!config.benchDigestOnly) return cms;
        new Logger('Signing').warn('HUB_BENCH_DIGEST_ONLY=true: certificates are issued WITHOUT signatures (benchmark mode only)');
        return new DigestOnlySealer();
      },
    },
  ],
  // What other modules use: verifying an authority's CMS and a partner's node certificate, the
  // certificates module's sealer, the key vault, and the key stores the exchange's node key source
  // opens the node key with (in the database or a PKCS#11 token), with the active keys it keeps.
  exports: [SignatureVerificationService, NodeCertificateCheck, CertificateSealer, RecordKeySigner, KeyVault, KeyStores, ActiveKeys],
})
export class PkiModule {}
