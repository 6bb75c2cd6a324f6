import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryFlusher } from './audit-entry.flusher';
import { auditConfig } from './audit.config';
import { AuditService } from './audit.service';
import { AuditCheckpointsService } from './checkpoints/audit-checkpoints.service';
import { AuditCheckpointSignerEntity } from './entities/audit-checkpoint-signer.entity';
import { AuditCheckpointEntity } from './entities/audit-checkpoint.entity';
import { AuditEntryEntity } from './entities/audit-entry.entity';
import { AuditMetrics } from './sequencer/audit-metrics';
import { AuditSequencer } from './sequencer/audit-sequencer';
import { ChainBatch } from './sequencer/chain-batch';

/**
 * Appending (every module, through the unit of work) and reading the signed checkpoints; global.
 * The hub's processes take AuditModule.withSequencer(): also the sequencer that chains the log in
 * worker processes and closes each batch with a checkpoint signed through NodeSigner, and its gauges.
 * audit/ may import only core, so the application root passes the module that provides NodeSigner.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity, AuditCheckpointEntity, AuditCheckpointSignerEntity])],
  providers: [AuditService, AuditEntryFlusher, AuditCheckpointsService],
  exports: [AuditService, AuditCheckpointsService],
})
export class AuditModule {
  static withSequencer(signer: { imports: NonNullable<ModuleMetadata['imports']> }): DynamicModule {
    return {
      module: AuditModule,
      imports: [ConfigModule.forFeature(auditConfig), ...signer.imports],
      providers: [ChainBatch, AuditSequencer, AuditMetrics],
    };
  }
}
