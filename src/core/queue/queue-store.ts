import type { IQueueBackend, Job, Queue, Worker, WorkerOptions } from 'bullmq';

// Queues and workers whatever the backend: QueueService uses nothing backend-specific.
export type HubQueue = Queue<unknown, unknown, string, unknown, unknown, string, IQueueBackend, unknown>;
export type HubWorker = Worker<unknown, unknown, string, IQueueBackend>;
export type HubWorkerOptions = Pick<WorkerOptions, 'concurrency' | 'settings' | 'lockDuration' | 'stalledInterval' | 'limiter'>;
export type HubProcessor = (job: Job) => Promise<unknown>;

export const QUEUE_STORE = Symbol('QUEUE_STORE');

/**
 * Where BullMQ keeps its queues: Redis (server mode) or BullMQ's PostgreSQL backend on the embedded
 * database (trial mode). Only core/queue knows which.
 */
export interface QueueStore {
  /** What /health calls the check of this store. */
  readonly healthCheck: 'redis' | 'queues';
  /** For the start-up log. */
  readonly description: string;
  queue(name: string): HubQueue;
  worker(name: string, processor: HubProcessor, options: HubWorkerOptions): HubWorker;
  ping(): Promise<void>;
  /** After every queue and worker closed. */
  close(): Promise<void>;
}
