import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { DatasetModule } from '../dataset/dataset.module';
import { PkiCoreModule } from '../pki/pki-core.module';
import { CircuitBreakerStore } from './delivery/circuit-breaker.store';
import { DeliverEnvelopeUseCase } from './delivery/deliver-envelope.use-case';
import { DeliveriesController } from './delivery/deliveries.controller';
import { DeliveryAttemptsStore } from './delivery/delivery-attempts.store';
import { DeliveryQueriesService } from './delivery/delivery-queries.service';
import { LocalDeliveryProcessor } from './delivery/local-delivery.processor';
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
import { InboundHandlers } from './inbound/inbound-handlers';
import { InboundEnvelopesController } from './inbound/inbound-envelopes.controller';
import { InboundQueriesService } from './inbound/inbound-queries.service';
import { InboundStore } from './inbound/inbound-store';
import { ReceiveEnvelopeUseCase } from './inbound/receive-envelope.use-case';
import { OutboxModule } from './outbox/outbox.module';
import { AuditCheckpointsController } from './audit-checkpoints/audit-checkpoints.controller';
import { CheckpointReaderGuard } from './audit-checkpoints/checkpoint-reader.guard';
import { PartnerAuthenticator } from './partners/partner-authenticator';
import { PartnerQueues } from './partners/partner-queues';
import { PartnersController } from './partners/partners.controller';
import { PartnerCertificatesAtStart } from './partners/partner-certificates-at-start';
import { PartnersService } from './partners/partners.service';
import { EnvelopeVerifier } from './signing/envelope-signer';
import { NodeIdentityController } from './signing/node-identity.controller';
import { RsaEnvelopeVerifier } from './signing/rsa-envelope-verifier';
import { HttpEnvelopeTransport } from './transport/http-envelope-transport';
import { LocalEnvelopeTransport } from './transport/local-envelope-transport';

/** Transmission (DESIGN.md section 6): partners, per-partner delivery queues, retries, the reconciler, delivery views, inbound envelopes. */
@Module({
  imports: [TypeOrmModule.forFeature([PartnerEntity, PartnerCircuitEntity, DeliveryEntity, DeliveryAttemptEntity, InboundEnvelopeEntity, QuarantinedEnvelopeEntity]), AuthoritiesModule, OutboxModule, DatasetModule, PkiCoreModule],
  controllers: [PartnersController, DeliveriesController, InboundEnvelopesController, NodeIdentityController, AuditCheckpointsController],
  providers: [
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
    HttpEnvelopeTransport,
    LocalEnvelopeTransport,
    PartnerAuthenticator,
    CheckpointReaderGuard,
    ReceiveEnvelopeUseCase,
    InboundStore,
    InboundHandlers,
    InboundQueriesService,
    { provide: EnvelopeVerifier, useClass: RsaEnvelopeVerifier },
  ],
  exports: [EnvelopeVerifier, InboundHandlers, InboundQueriesService, OutboxModule, DeliveryQueriesService],
})
export class ExchangeModule {}
