import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryFlusher } from './audit-entry.flusher';
import { AuditService } from './audit.service';
import { AuditCheckpointsService } from './checkpoints/audit-checkpoints.service';
import { AuditCheckpointSignerEntity } from './entities/audit-checkpoint-signer.entity';
import { AuditCheckpointEntity } from './entities/audit-checkpoint.entity';
import { AuditEntryEntity } from './entities/audit-entry.entity';

// Appending (every module, through the unit of work) and reading the signed checkpoints. The sequencer
// that chains and signs runs in worker processes: sequencer/audit-sequencer.module.ts.
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity, AuditCheckpointEntity, AuditCheckpointSignerEntity])],
  providers: [AuditService, AuditEntryFlusher, AuditCheckpointsService],
  exports: [AuditService, AuditCheckpointsService],
})
export class AuditModule {}
