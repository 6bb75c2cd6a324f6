import { Injectable, OnModuleInit } from '@nestjs/common';
import { UnitOfWork } from '../core/unit-of-work/unit-of-work';
import { AUDIT_ENTRY } from './audit-entry.effect';
import { AuditService } from './audit.service';

/** The unit of work writes a transaction's audit entries through AuditService, all in one INSERT joined with the rest of the change. */
@Injectable()
export class AuditEntryFlusher implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.uow.register(AUDIT_ENTRY, { statement: (entries) => this.audit.appendStatement(entries) });
  }
}
