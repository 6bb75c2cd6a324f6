export enum QueueName {
  /** The shared queue of the scheduled jobs (expiry, overdue cases, reconciliation), dispatched by job name. */
  MAINTENANCE = 'maintenance',
}

/**
 * Queues the maintenance jobs used before they shared one queue, kept for one release: at start the
 * hub removes their schedules, and drains what is still queued on them through the same handlers
 * (dispatch by job name), so nothing scheduled or queued under the old names is stranded. The next
 * release deletes this list.
 */
export const RETIRED_QUEUES: readonly { queue: string; into: QueueName }[] = [
  { queue: 'verification-cases', into: QueueName.MAINTENANCE },
  { queue: 'exchange-maintenance', into: QueueName.MAINTENANCE },
];
