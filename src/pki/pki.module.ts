import { Module } from '@nestjs/common';
import { SigningKeysController } from './controllers/signing-keys.controller';
import { TrustController } from './controllers/trust.controller';
import { PkiCoreModule } from './pki-core.module';

/**
 * Keys, X.509 certificates, CSRs, trust anchors and revocation (DESIGN.md section 7): the operator
 * API and the development PKI. Signing itself lives in SigningModule (the certificates module's
 * sealer); verification is SignatureVerificationService.
 */
@Module({
  imports: [PkiCoreModule],
  controllers: [SigningKeysController, TrustController],
  exports: [PkiCoreModule],
})
export class PkiModule {}
