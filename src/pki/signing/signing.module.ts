import { Logger, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { CertificateSealer, DigestOnlySealer } from './certificate-sealer';
import { hubConfig } from '../../core/config/hub.config';
import { ActiveKeySigner } from './active-key-signer';
import { CmsCertificateSealer } from './cms-certificate-sealer';
import { KeyVault } from './key-vault';
import { SignerCache } from './signer-cache';

/**
 * Signing with stored keys, apart from the operator API so the certificates module can take its
 * sealer without a cycle (PkiModule itself reads certificates).
 */
@Module({
  providers: [
    KeyVault,
    SignerCache,
    ActiveKeySigner,
    CmsCertificateSealer,
    {
      provide: CertificateSealer,
      inject: [hubConfig.KEY, CmsCertificateSealer],
      useFactory: (config: ConfigType<typeof hubConfig>, cms: CmsCertificateSealer): CertificateSealer => {
        if (!config.benchDigestOnly) return cms;
        new Logger('Signing').warn('HUB_BENCH_DIGEST_ONLY=true: certificates are issued WITHOUT signatures (benchmark mode only)');
        return new DigestOnlySealer();
      },
    },
  ],
  exports: [KeyVault, SignerCache, ActiveKeySigner, CertificateSealer],
})
export class SigningModule {}
