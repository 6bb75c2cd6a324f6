import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthoritiesModule } from '../../authorities/authorities.module';
import { SigningModule } from '../../pki/signing/signing.module';
import { exchangeConfig } from '../exchange.config';
import { ConfiguredNodeKeySource } from '../signing/configured-node-key-source';
import { EnvelopeSigner } from '../signing/envelope-signer';
import { NodeKeySource } from '../signing/node-key-source';
import { NodeSigner } from '../../core/signing/node-signer';
import { NodeKeySigner } from '../signing/node-key-signer';
import { RsaEnvelopeSigner } from '../signing/rsa-envelope-signer';
import { StoredNodeKeySource } from '../signing/stored-node-key-source';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { OutboxFlusher } from './outbox.flusher';
import { OutboxService } from './outbox.service';

/**
 * The outbox and what it needs, apart from the rest of the exchange module so the certificate use
 * cases can write deliveries in their transactions without a module cycle (the exchange module
 * reads certificates through CertificatesModule). Envelopes are signed with the node key
 * (StoredNodeKeySource: the pki store's NODE key, else the configured one) and carry the issuing
 * authority's CMS of the document, as the change passes it. NodeSigner lends the node key to other
 * signers (the audit checkpoints).
 */
@Module({
  imports: [ConfigModule.forFeature(exchangeConfig), AuthoritiesModule, SigningModule],
  providers: [
    OutboxService,
    OutboxFlusher,
    DeliveryDispatcher,
    ConfiguredNodeKeySource,
    { provide: NodeKeySource, useClass: StoredNodeKeySource },
    { provide: EnvelopeSigner, useClass: RsaEnvelopeSigner },
    { provide: NodeSigner, useClass: NodeKeySigner },
  ],
  exports: [OutboxService, DeliveryDispatcher, EnvelopeSigner, NodeKeySource, NodeSigner, ConfigModule],
})
export class OutboxModule {}
