import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module';
import { CertificateSignatureController } from './controllers/certificate-signature.controller';
import { SigningKeysController } from './controllers/signing-keys.controller';
import { TrustController } from './controllers/trust.controller';
import { PkiCoreModule } from './pki-core.module';
import { CertificateSignatureService } from './services/certificate-signature.service';

/**
 * Keys, X.509 certificates, CSRs, trust anchors and revocation (DESIGN.md section 7): the operator
 * API, the development PKI, and the signed document and signature of a certificate. Signing itself
 * lives in SigningModule (the certificates module's sealer); verification is SignatureVerificationService.
 */
@Module({
  imports: [PkiCoreModule, CertificatesModule],
  controllers: [SigningKeysController, TrustController, CertificateSignatureController],
  providers: [CertificateSignatureService],
  exports: [PkiCoreModule],
})
export class PkiModule {}
