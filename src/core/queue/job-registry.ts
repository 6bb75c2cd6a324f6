import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { UnrecoverableError } from 'bullmq';
import { ON_JOB, OnJobOptions } from './on-job.decorator';
import { QueueName, RETIRED_QUEUES } from './queue.constants';
import { JobHandler, QueueService } from './queue.service';

interface Scheduled {
  queue: string;
  name: string;
  every: number;
}

/**
 * The @OnJob handlers, one per job name, dispatched by job name on their queue (immich's pattern):
 * one worker per queue whatever the number of jobs on it. A job that nobody handles fails at once,
 * without retries, rather than "completing" unrun. Also drains the retired queues (RETIRED_QUEUES).
 */
@Injectable()
export class JobRegistry implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(JobRegistry.name);
  private readonly handlers = new Map<string, Map<string, JobHandler>>();
  private readonly scheduled: Scheduled[] = [];

  constructor(
    private readonly queues: QueueService,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || wrapper.isAlias) continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        const options = typeof fn === 'function' ? this.reflector.get<OnJobOptions<object> | undefined>(ON_JOB, fn as () => unknown) : undefined;
        if (!options) continue;
        this.add(options.queue ?? QueueName.MAINTENANCE, options.name, (fn as JobHandler).bind(instance));
        if (options.every !== undefined) {
          const every = typeof options.every === 'function' ? options.every(instance) : options.every;
          this.scheduled.push({ queue: options.queue ?? QueueName.MAINTENANCE, name: options.name, every });
        }
      }
    }
    for (const [queue, byName] of this.handlers) this.queues.register(queue, this.dispatcher(queue, byName));
    for (const retired of RETIRED_QUEUES) {
      const byName = this.handlers.get(retired.into) ?? new Map<string, JobHandler>();
      this.queues.register(retired.queue, this.drainer(retired.queue, byName));
    }
  }

  /** Every process upserts the same schedulers (idempotent) and removes the retired queues' ones. */
  async onApplicationBootstrap(): Promise<void> {
    for (const s of this.scheduled) await this.queues.schedule(s.queue, s.name, { every: s.every }, s.name);
    for (const retired of RETIRED_QUEUES) await this.removeSchedules(retired.queue);
  }

  /** The job names handled on a queue (the operator page, a test). */
  jobsOn(queue: string): string[] {
    return [...(this.handlers.get(queue)?.keys() ?? [])].sort();
  }

  private add(queue: string, name: string, handler: JobHandler): void {
    const byName = this.handlers.get(queue) ?? new Map<string, JobHandler>();
    if (byName.has(name)) throw new Error(`Two handlers for job ${name} on queue ${queue}`);
    byName.set(name, handler);
    this.handlers.set(queue, byName);
  }

  private dispatcher(queue: string, byName: Map<string, JobHandler>): JobHandler {
    return (job) => {
      const handler = byName.get(job.name);
      if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}" on queue ${queue}`);
      return handler(job);
    };
  }

  /**
   * A retired queue's jobs run through the handlers of the queue that took its jobs over. An old
   * process still running during a rolling deploy may put a schedule back: each job drained removes
   * it again.
   */
  private drainer(queue: string, byName: Map<string, JobHandler>): JobHandler {
    const dispatch = this.dispatcher(queue, byName);
    return async (job) => {
      await this.removeSchedules(queue);
      return dispatch(job);
    };
  }

  private async removeSchedules(queue: string): Promise<void> {
    const schedulers = await this.queues.queue(queue).getJobSchedulers();
    for (const scheduler of schedulers) await this.queues.queue(queue).removeJobScheduler(scheduler.key);
    if (schedulers.length > 0) this.logger.log(`Removed ${schedulers.length} schedule(s) of the retired queue ${queue}`);
  }
}
