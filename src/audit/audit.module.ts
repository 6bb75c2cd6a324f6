import { Global, Module } from '@nestjs/common';
import { AuditEntryFlusher } from './audit-entry.flusher';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, AuditEntryFlusher], exports: [AuditService] })
export class AuditModule {}
