import { Injectable, OnModuleInit } from '@nestjs/common';
import { UnitOfWork } from '../core/unit-of-work/unit-of-work';
import { APPLICATION_EVENT } from './application-event.effect';
import { ApplicationStore } from './application-store';

/** The unit of work writes a transaction's application events in one INSERT. */
@Injectable()
export class ApplicationEventFlusher implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ApplicationStore,
  ) {}

  onModuleInit(): void {
    this.uow.register(APPLICATION_EVENT, { flush: (manager, events) => this.store.insertEvents(manager, events) });
  }
}
