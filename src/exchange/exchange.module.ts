import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NodeSigner } from '../core/signing/node-signer';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { DatasetModule } from '../dataset/dataset.module';
import { PkiModule } from '../pki/pki.module';
import { CircuitBreakerStore } from './delivery/circuit-breaker.store';
import { DeliverEnvelopeUseCase } from './delivery/deliver-envelope.use-case';
import { DeliveriesController } from './delivery/deliveries.controller';
import { DeliveryAttemptsStore } from './delivery/delivery-attempts.store';
import { DeliveryQueriesService } from './delivery/delivery-queries.service';
import { LocalDeliveryProcessor } from './delivery/local-delivery.processor';
import { LocalDeliveryRelay } from './delivery/local-delivery.relay';
import { OutboundTokens } from './delivery/outbound-tokens';
import { ReconcileDeliveriesUseCase } from './delivery/reconcile-deliveries.use-case';
import { ReconcilerProcessor } from './delivery/reconciler.processor';
import { RedeliverUseCase } from './delivery/redeliver.use-case';
import { DeliveryAttemptEntity } from './entities/delivery-attempt.entity';
import { InboundEnvelopeEntity } from './entities/inbound-envelope.entity';
import { QuarantinedEnvelopeEntity } from './entities/quarantined-envelope.entity';
import { DeliveryEntity } from './entities/delivery.entity';
import { PartnerCircuitEntity } from './entities/partner-circuit.entity';
import { PartnerEntity } from './entities/partner.entity';
import { PartnerNodeCertificateEntity } from './entities/partner-node-certificate.entity';
import { InboundHandlers } from './inbound/inbound-handlers';
import { InboundEnvelopesController } from './inbound/inbound-envelopes.controller';
import { InboundQueriesService } from './inbound/inbound-queries.service';
import { InboundStore } from './inbound/inbound-store';
import { ReceiveEnvelopeUseCase } from './inbound/receive-envelope.use-case';
import { exchangeConfig } from './exchange.config';
import { DeliveryDispatcher } from './outbox/delivery-dispatcher';
import { OutboxFlusher } from './outbox/outbox.flusher';
import { OutboxService } from './outbox/outbox.service';
import { AuditCheckpointsController } from './audit-checkpoints/audit-checkpoints.controller';
import { CheckpointReaderGuard } from './audit-checkpoints/checkpoint-reader.guard';
import { PartnerAuthenticator } from './partners/partner-authenticator';
import { PartnerQueues } from './partners/partner-queues';
import { PartnersController } from './partners/partners.controller';
import { PartnerCertificatesAtStart } from './partners/partner-certificates-at-start';
import { PartnersService } from './partners/partners.service';
import { ConfiguredNodeKeySource } from './signing/configured-node-key-source';
import { EnvelopeSigner } from './signing/envelope-signer';
import { EnvelopeVerifier } from './signing/envelope-verifier';
import { NodeIdentityController } from './signing/node-identity.controller';
import { NodeKeySigner } from './signing/node-key-signer';
import { NodeKeySource } from './signing/node-key-source';
import { StoredNodeKeySource } from './signing/stored-node-key-source';
import { PartnerNodeCertificates } from './receipts/partner-node-certificates';
import { ReceiptGate } from './receipts/receipt-gate';
import { ReceiptQueriesService } from './receipts/receipt-queries.service';
import { ReceiptsController } from './receipts/receipts.controller';
import { ReceiptSigner } from './receipts/receipt-signer';
import { HttpEnvelopeTransport } from './transport/http-envelope-transport';
import { LocalEnvelopeTransport } from './transport/local-envelope-transport';
import { AcknowledgePulledUseCase } from './pull/acknowledge-pulled.use-case';
import { PullCaller } from './pull/pull-caller';
import { PullController } from './pull/pull.controller';
import { PullExpiryProcessor } from './pull/pull-expiry.processor';
import { PullFromPartnerProcessor } from './pull/pull-from-partner.processor';
import { PullFromPartnerUseCase } from './pull/pull-from-partner.use-case';
import { PullSchedules } from './pull/pull-schedules';
import { ServePullUseCase } from './pull/serve-pull.use-case';

/**
 * Transmission (DESIGN.md section 6): partners, the outbox (deliveries written in the transaction of
 * the change that causes them), per-partner delivery queues, retries, the reconciler, delivery views
 * and inbound envelopes, each message type handed to the handler its owner registered. Envelopes are
 * signed with the node key (StoredNodeKeySource: the pki store's NODE key, else the configured one);
 * NodeSigner lends that key to every other signer of the hub (the audit checkpoints).
 */
@Module({
  imports: [TypeOrmModule.forFeature([PartnerEntity, PartnerCircuitEntity, PartnerNodeCertificateEntity, DeliveryEntity, DeliveryAttemptEntity, InboundEnvelopeEntity, QuarantinedEnvelopeEntity]), ConfigModule.forFeature(exchangeConfig), AuthoritiesModule, DatasetModule, PkiModule],
  controllers: [PartnersController, DeliveriesController, InboundEnvelopesController, PullController, NodeIdentityController, AuditCheckpointsController, ReceiptsController],
  providers: [
    OutboxService,
    OutboxFlusher,
    DeliveryDispatcher,
    ConfiguredNodeKeySource,
    // The seams for a key held elsewhere (a hardware module): where the node key comes from, and the
    // one sign(bytes, algorithm) that every signer uses.
    { provide: NodeKeySource, useClass: StoredNodeKeySource },
    { provide: NodeSigner, useClass: NodeKeySigner },
    EnvelopeSigner,
    EnvelopeVerifier,
    PartnersService,
    PartnerCertificatesAtStart,
    PartnerQueues,
    DeliveryQueriesService,
    DeliverEnvelopeUseCase,
    DeliveryAttemptsStore,
    CircuitBreakerStore,
    OutboundTokens,
    RedeliverUseCase,
    ReconcileDeliveriesUseCase,
    ReconcilerProcessor,
    LocalDeliveryProcessor,
    LocalDeliveryRelay,
    HttpEnvelopeTransport,
    LocalEnvelopeTransport,
    PartnerAuthenticator,
    CheckpointReaderGuard,
    ReceiveEnvelopeUseCase,
    InboundStore,
    InboundHandlers,
    InboundQueriesService,
    // Pull mode: partners that take their envelopes, and partners the hub takes envelopes from.
    PullCaller,
    ServePullUseCase,
    AcknowledgePulledUseCase,
    PullExpiryProcessor,
    PullSchedules,
    PullFromPartnerUseCase,
    PullFromPartnerProcessor,
    // Signed receipts: the acknowledgements this node signs, and those it checks.
    PartnerNodeCertificates,
    ReceiptSigner,
    ReceiptGate,
    ReceiptQueriesService,
  ],
  exports: [OutboxService, NodeSigner, InboundHandlers, InboundQueriesService, DeliveryQueriesService],
})
export class ExchangeModule {}
