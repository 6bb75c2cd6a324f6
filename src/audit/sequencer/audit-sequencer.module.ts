import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { auditConfig } from '../audit.config';
import { AuditMetrics } from './audit-metrics';
import { AuditSequencer } from './audit-sequencer';
import { ChainBatch } from './chain-batch';

/**
 * The sequencer that chains the audit log in worker processes and closes each batch with a checkpoint
 * signed with the node key, and its gauges. Apart from AuditModule (appending and reading, which every
 * module and the command-line tools use): it needs a NodeSigner, which the application root supplies
 * by passing the module that provides one.
 */
@Module({})
export class AuditSequencerModule {
  static forRoot(signer: { imports: NonNullable<ModuleMetadata['imports']> }): DynamicModule {
    return {
      module: AuditSequencerModule,
      imports: [ConfigModule.forFeature(auditConfig), ...signer.imports],
      providers: [ChainBatch, AuditSequencer, AuditMetrics],
    };
  }
}
