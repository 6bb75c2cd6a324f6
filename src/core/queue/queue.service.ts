import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Job, JobsOptions, RepeatOptions, UnrecoverableError } from 'bullmq';
import { DomainError } from '../errors/domain-error';
import { queueTuningConfig } from './queue.config';
import { HubQueue, HubWorker, QUEUE_STORE, QueueStore } from './queue-store';
import { retryLaterDelay } from './retry-later.error';
import { loggableMessage } from '../database/pg-errors';

/** A worker its owner starts and stops at run time (see QueueService.startDynamicWorker). */
export interface DynamicWorker {
  readonly queue: string;
  /** Changes how many jobs it runs at once, from the next job it takes. */
  setConcurrency(concurrency: number): void;
  /** Lets the jobs it runs finish, then stops taking jobs. */
  close(): Promise<void>;
}

export interface DynamicWorkerOptions {
  concurrency: number;
  /** At most `max` jobs per `duration` ms on the queue, across every process (BullMQ's limiter). */
  limiter?: { max: number; duration: number };
}

export type JobHandler<T = unknown> = (job: { id: string; name: string; data: T; attemptsMade: number }) => Promise<unknown>;

interface Registration {
  queue: string;
  handler: JobHandler;
  concurrency: number;
  started: boolean;
}

interface Schedule {
  queue: string;
  schedulerId: string;
  repeat: RepeatOptions;
  jobName: string;
  data: object;
}

// Bounds of how often the schedules are checked for in the queue store (see keepSchedules).
const SCHEDULE_CHECK_MIN_MS = 1000;
const SCHEDULE_CHECK_MAX_MS = 60_000;

// Live jobs: a job in one of these states will still run; any other (or none) will not.
const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * The only user of BullMQ (DESIGN.md section 2): queues, workers, schedulers and the queue health
 * probe, on Redis or, in trial mode, on the embedded PostgreSQL (core/queue/queue-store.ts). Feature
 * processors register handlers; workers start only in a worker process.
 */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  private readonly queues = new Map<string, HubQueue>();
  private readonly registrations: Registration[] = [];
  private readonly workers: HubWorker[] = [];
  private readonly queueListeners: ((queue: HubQueue) => void)[] = [];
  private workersStarted = false;
  private readonly workerTasks: (() => void)[] = [];
  private readonly schedules = new Map<string, Schedule>();
  private scheduleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(QUEUE_STORE) private readonly store: QueueStore,
    @Inject(queueTuningConfig.KEY) private readonly queueSettings: ConfigType<typeof queueTuningConfig>,
  ) {}

  /** What /health calls the queue check ("redis" in server mode). */
  get healthCheck(): string {
    return this.store.healthCheck;
  }

  queue(name: string): HubQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.store.queue(name);
      queue.on('error', (err) => this.logger.warn(`Queue ${name}: ${err.message}`));
      this.queues.set(name, queue);
      for (const listener of this.queueListeners) listener(queue);
    }
    return queue;
  }

  /**
   * Calls `listener` with every queue this process knows (one per registered handler, and any it
   * enqueued to), now and whenever another becomes known: per-partner queues appear at run time.
   */
  watchQueues(listener: (queue: HubQueue) => void): void {
    for (const queue of this.queues.values()) listener(queue);
    this.queueListeners.push(listener);
  }

  /** Enqueue after the database transaction committed; `jobId` makes a repeat a no-op. */
  async enqueue<T>(queueName: string, jobName: string, data: T, options: JobsOptions = {}): Promise<void> {
    await this.queue(queueName).add(jobName, data, { removeOnComplete: 1000, removeOnFail: 5000, ...options });
  }

  /**
   * Many jobs to one queue, in one round trip (BullMQ addBulk); a job id already present is a no-op,
   * as with `enqueue`.
   */
  async enqueueBulk<T>(queueName: string, jobs: { name: string; data: T; options?: JobsOptions }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(queueName).addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: { removeOnComplete: 1000, removeOnFail: 5000, ...job.options } })));
  }

  /** Holds every job of a queue for `ms` (a partner's Retry-After), in every process. */
  async rateLimit(queueName: string, ms: number): Promise<void> {
    await this.queue(queueName).rateLimit(ms);
  }

  /** At most this many jobs of the queue run at once, across every worker process. */
  async setGlobalConcurrency(queueName: string, concurrency: number): Promise<void> {
    await this.queue(queueName).setGlobalConcurrency(concurrency);
  }

  /**
   * A repeating job (idempotent: every process upserts the same scheduler id). The schedule lives in
   * the queue store, which may be wiped (Redis): this process checks for it every so often and puts it back.
   */
  async schedule(queueName: string, schedulerId: string, repeat: RepeatOptions, jobName: string, data: object = {}): Promise<void> {
    await this.queue(queueName).upsertJobScheduler(schedulerId, repeat, { name: jobName, data });
    this.schedules.set(`${queueName}/${schedulerId}`, { queue: queueName, schedulerId, repeat, jobName, data });
    this.keepSchedules();
  }

  /** Stops a repeating job this process or another scheduled (a partner no longer pulled from). */
  async unschedule(queueName: string, schedulerId: string): Promise<void> {
    this.schedules.delete(`${queueName}/${schedulerId}`);
    await this.queue(queueName).removeJobScheduler(schedulerId);
  }

  private keepSchedules(): void {
    clearInterval(this.scheduleTimer);
    const every = Math.min(...[...this.schedules.values()].map((s) => s.repeat.every ?? SCHEDULE_CHECK_MAX_MS));
    this.scheduleTimer = setInterval(() => {
      this.restoreSchedules().catch((error: unknown) => this.logger.warn(`Schedules: ${loggableMessage(error)}`));
    }, Math.min(Math.max(every, SCHEDULE_CHECK_MIN_MS), SCHEDULE_CHECK_MAX_MS));
    this.scheduleTimer.unref();
  }

  /** Puts back every schedule of this process that the queue store lost. */
  async restoreSchedules(): Promise<number> {
    let restored = 0;
    for (const s of this.schedules.values()) {
      if (await this.queue(s.queue).getJobScheduler(s.schedulerId)) continue;
      await this.queue(s.queue).upsertJobScheduler(s.schedulerId, s.repeat, { name: s.jobName, data: s.data });
      restored += 1;
    }
    if (restored > 0) this.logger.warn(`Restored ${restored} job schedule(s) the queue store had lost`);
    return restored;
  }

  register<T>(queue: string, handler: JobHandler<T>, concurrency = 1): void {
    this.registrations.push({ queue, handler: handler as JobHandler, concurrency, started: false });
    this.queue(queue);
  }

  /**
   * A handler for a queue created at run time (one per partner): a static registration cannot know
   * it. Idempotent per queue; when this process already runs workers, its worker starts at once.
   */
  registerDynamic<T>(queue: string, handler: JobHandler<T>, concurrency = 1): void {
    if (this.registrations.some((r) => r.queue === queue)) return;
    const registration: Registration = { queue, handler: handler as JobHandler, concurrency, started: false };
    this.registrations.push(registration);
    this.queue(queue);
    if (this.workersStarted) this.startWorker(registration);
  }

  /** Whether a job with this id will still run (waiting, delayed, active...); a finished or unknown one will not. */
  async isLive(queueName: string, jobId: string): Promise<boolean> {
    return LIVE_STATES.has(await this.queue(queueName).getJobState(jobId));
  }

  /**
   * Removes a job that will not run again, so its id can be added again: a finished one that a
   * retention setting kept, or an orphan, whose record outlived the lists that held it (Redis
   * partly wiped while the job ran): adding a job id whose record exists is a no-op, so an orphan
   * would block its id for good. A live job is never in neither state (the store moves jobs
   * between its lists atomically).
   */
  async removeFinished(queueName: string, jobId: string): Promise<void> {
    const state = await this.queue(queueName).getJobState(jobId);
    if (state === 'completed' || state === 'failed' || state === 'unknown') await this.queue(queueName).remove(jobId);
  }

  /** Starts a BullMQ worker for every registered handler (worker processes only). */
  startWorkers(): void {
    this.workersStarted = true;
    for (const registration of this.registrations) {
      if (!registration.started) this.startWorker(registration);
    }
    this.logger.log(`Started ${this.workers.length} queue worker(s) on ${this.store.description}`);
    for (const start of this.workerTasks.splice(0)) start();
  }

  /**
   * Work of worker processes that is no queue job (the audit sequencer): `start` runs when this
   * process starts its workers, at once if it already has. Its owner stops it at shutdown.
   */
  onWorkersStarted(start: () => void): void {
    if (this.workersStarted) start();
    else this.workerTasks.push(start);
  }

  /**
   * A worker for a queue that its owner opens and closes at run time (a pool of workers over many
   * queues, fewer than the queues): worker processes only, after startWorkers; undefined elsewhere.
   */
  startDynamicWorker<T>(queue: string, handler: JobHandler<T>, options: DynamicWorkerOptions): DynamicWorker | undefined {
    if (!this.workersStarted) return undefined;
    const worker = this.createWorker(queue, handler as JobHandler, options.concurrency, options.limiter);
    return {
      queue,
      setConcurrency: (concurrency: number) => {
        worker.concurrency = concurrency;
      },
      close: async () => {
        await worker.close();
        const index = this.workers.indexOf(worker);
        if (index >= 0) this.workers.splice(index, 1);
      },
    };
  }

  private startWorker(registration: Registration): void {
    registration.started = true;
    this.createWorker(registration.queue, registration.handler, registration.concurrency);
  }

  private createWorker(queue: string, handler: JobHandler, concurrency: number, limiter?: DynamicWorkerOptions['limiter']): HubWorker {
    const registration = { queue, handler, concurrency };
    const worker = this.store.worker(
      registration.queue,
      async (job: Job) => {
        try {
          return await registration.handler({ id: String(job.id), name: job.name, data: job.data, attemptsMade: job.attemptsMade });
        } catch (error) {
          // A domain error will not get better with a retry; a transport error will.
          if (error instanceof DomainError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
          throw error;
        }
      },
      {
        concurrency: registration.concurrency,
        lockDuration: this.queueSettings.lockMs,
        stalledInterval: this.queueSettings.lockMs,
        // Jobs added with RETRY_LATER_BACKOFF wait what their handler said (a Retry-After, say).
        settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => retryLaterDelay(attemptsMade, err) },
        ...(limiter && { limiter }),
      },
    );
    worker.on('failed', (job, err) => {
      // A job that asked to be retried later did what it meant to; anything else is worth a warning.
      if (err.name === 'RetryLaterError') this.logger.debug({ jobId: job?.id, queue: registration.queue }, `Job retries later: ${err.message}`);
      else this.logger.warn({ jobId: job?.id, queue: registration.queue }, `Job failed: ${loggableMessage(err)}`);
    });
    worker.on('error', (err) => this.logger.warn(`Worker ${registration.queue}: ${err.message}`));
    this.workers.push(worker);
    return worker;
  }

  get workersRunning(): boolean {
    return this.workers.length > 0;
  }

  async depths(): Promise<Record<string, Record<string, number>>> {
    const names = new Set<string>([...this.queues.keys(), ...this.registrations.map((r) => r.queue)]);
    const result: Record<string, Record<string, number>> = {};
    for (const name of names) {
      result[name] = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
    }
    return result;
  }

  async ping(): Promise<void> {
    await this.store.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await this.store.close();
  }
}
