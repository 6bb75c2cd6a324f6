import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { insertStatement } from '../../core/database/insert-statement';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { DeliveryEntity } from '../entities/delivery.entity';
import { DeliveryStatus } from '../domain/delivery-status';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { DELIVERY_JOB, OUTBOX_DELIVERY } from './outbox.effects';
import { deliveryColumns } from './outbox.service';

/**
 * The transactional outbox in the unit of work (DESIGN.md section 2): its rows go in with the change,
 * in one INSERT; their jobs go to the queues only after the commit. A failed enqueue is the
 * reconciler's to catch up (the dispatcher never throws).
 */
@Injectable()
export class OutboxFlusher implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.uow.register(OUTBOX_DELIVERY, {
      // Their INSERT, sent in the change's one statement (issue 14); ids are the hub's own.
      statement: (rows) => insertStatement(this.dataSource.getMetadata(DeliveryEntity), deliveryColumns(rows)),
      afterCommit: (rows) =>
        this.dispatcher.dispatch(rows.flatMap((row) => (row.status === DeliveryStatus.PENDING ? [{ deliveryId: row.id, generation: 0, partnerId: row.partnerId, awaitsPull: row.awaitsPull }] : []))),
    });
    this.uow.register(DELIVERY_JOB, { afterCommit: (items) => this.dispatcher.dispatch([...items]) });
  }
}
