import { effectKind } from '../../core/unit-of-work/effects';
import type { DispatchItem } from './delivery-dispatcher';
import type { OutboxRow } from './outbox.service';

/** A delivery row of the outbox, its id chosen by the hub so it can be enqueued once committed. */
export type OutboxDelivery = OutboxRow & { id: string };

/** A new delivery, written with the change that causes it and enqueued after commit when PENDING. */
export const OUTBOX_DELIVERY = effectKind<OutboxDelivery>('outbox-delivery', 200);

/** A delivery already stored that is due again (a redelivery): enqueued after commit. */
export const DELIVERY_JOB = effectKind<DispatchItem>('delivery-job', 200);
