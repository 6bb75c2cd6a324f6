import { RETRY_LATER_BACKOFF } from '../../core/queue/retry-later.error';

// One queue per partner, so a slow or dead partner never holds up another. The local queue holds
// only jobs an earlier version of the hub wrote for recipients served by this hub (the local relay
// now claims those deliveries from PostgreSQL). BullMQ job ids may not contain ':' (uuids and '-'
// are fine).
export const LOCAL_DELIVERY_QUEUE = 'exchange-local';
export const DELIVER_JOB = 'deliver';

export function partnerQueueName(partnerId: string): string {
  return `exchange-partner-${partnerId}`;
}

export function deliveryQueueName(partnerId: string | null): string {
  return partnerId ? partnerQueueName(partnerId) : LOCAL_DELIVERY_QUEUE;
}

/** A new generation (operator redelivery) is a new job id, so a retained job can never swallow the add. */
export function deliveryJobId(deliveryId: string, generation: number): string {
  return `${deliveryId}-${generation}`;
}

export interface DeliveryJobData {
  deliveryId: string;
  generation: number;
}

// The budget is counted in PostgreSQL (attemptsMade restarts when Redis is wiped), so BullMQ may
// retry for as long as the delivery says; finished jobs are removed so their ids can come back.
export const DELIVERY_JOB_OPTIONS = {
  attempts: 1_000_000,
  backoff: RETRY_LATER_BACKOFF,
  removeOnComplete: true,
  removeOnFail: true,
} as const;
