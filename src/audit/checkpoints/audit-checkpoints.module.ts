import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthoritiesModule } from '../../authorities/authorities.module';
import { ExchangeModule } from '../../exchange/exchange.module';
import { OutboxModule } from '../../exchange/outbox/outbox.module';
import { auditConfig } from '../audit.config';
import { AuditCheckpointsController } from './audit-checkpoints.controller';
import { AuditCheckpointsService } from './audit-checkpoints.service';
import { AuditMetrics } from './audit-metrics';
import { AuditSequencer } from './audit-sequencer';
import { ChainBatch } from './chain-batch';
import { CheckpointReaderGuard } from './checkpoint-reader.guard';

/**
 * The chain and its checkpoints, apart from AuditModule (appending, which every module and the
 * command-line tools use without the exchange): the sequencer in worker processes, signing with the
 * node key, the checkpoints served to the operator and partners' nodes, and the sequencer's gauges.
 */
@Module({
  imports: [ConfigModule.forFeature(auditConfig), AuthoritiesModule, OutboxModule, ExchangeModule],
  controllers: [AuditCheckpointsController],
  providers: [ChainBatch, AuditSequencer, AuditCheckpointsService, CheckpointReaderGuard, AuditMetrics],
})
export class AuditCheckpointsModule {}
