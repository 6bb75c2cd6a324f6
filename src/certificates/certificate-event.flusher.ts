import { Injectable, OnModuleInit } from '@nestjs/common';
import { UnitOfWork } from '../core/unit-of-work/unit-of-work';
import { CERTIFICATE_EVENT } from './certificate-event.effect';
import { CertificateStore } from './certificate-store';

/** The unit of work writes a transaction's certificate events in one INSERT, joined with the rest of the change. */
@Injectable()
export class CertificateEventFlusher implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: CertificateStore,
  ) {}

  onModuleInit(): void {
    this.uow.register(CERTIFICATE_EVENT, { statement: (events) => this.store.eventsStatement(events) });
  }
}
