import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthoritiesModule } from '../../authorities/authorities.module';
import { exchangeConfig } from '../exchange.config';
import { DocumentSignatures, StoredDocumentSignatures } from '../signing/document-signatures';
import { EnvelopeSigner } from '../signing/envelope-signer';
import { ConfiguredNodeKeySource, NodeKeySource } from '../signing/node-key-source';
import { RsaEnvelopeSigner } from '../signing/rsa-envelope-signer';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { OutboxService } from './outbox.service';

/**
 * The outbox and what it needs, apart from the rest of the exchange module so the certificate use
 * cases can write deliveries in their transactions without a module cycle (the exchange module
 * reads certificates through CertificatesModule).
 *
 * Seams for the signing module (issue 3): NodeKeySource (the hub NODE's key) and DocumentSignatures
 * (the stored CMS of each certificate, read from certificates.signature_cms when that column exists).
 */
@Module({
  imports: [ConfigModule.forFeature(exchangeConfig), AuthoritiesModule],
  providers: [
    OutboxService,
    DeliveryDispatcher,
    { provide: NodeKeySource, useClass: ConfiguredNodeKeySource },
    { provide: EnvelopeSigner, useClass: RsaEnvelopeSigner },
    { provide: DocumentSignatures, useClass: StoredDocumentSignatures },
  ],
  exports: [OutboxService, DeliveryDispatcher, EnvelopeSigner, NodeKeySource, ConfigModule],
})
export class OutboxModule {}
