import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test, TestingModule } from '@nestjs/testing';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { HubMode } from '../../src/core/config/hub-mode';
import { DomainError } from '../../src/core/errors/domain-error';
import { EmbeddedQueueStore } from '../../src/core/queue/embedded-queue-store';
import { JobRegistry } from '../../src/core/queue/job-registry';
import { OnJob } from '../../src/core/queue/on-job.decorator';
import { QueueName, RETIRED_QUEUES } from '../../src/core/queue/queue.constants';
import { QueueStore } from '../../src/core/queue/queue-store';
import { QueueService } from '../../src/core/queue/queue.service';
import { RedisQueueStore } from '../../src/core/queue/redis-queue-store';
import { RETRY_LATER_BACKOFF, RetryLaterError } from '../../src/core/queue/retry-later.error';
import { eventually } from '../support/exchange';

class RefusedForGood extends DomainError {
  readonly code = 'REFUSED_FOR_GOOD';
  constructor() {
    super('refused for good');
  }
  httpStatus(): number {
    return 422;
  }
}

interface Run {
  id: string;
  name: string;
  attemptsMade: number;
  at: number;
}

// What the features ask of QueueService, on the backend this project runs: Redis (e2e), or BullMQ's
// PostgreSQL backend on the embedded database (trial). The same spec passing on both is the claim
// that the features need no second code path.
describe(`QueueService on ${process.env.HUB_MODE === 'trial' ? "BullMQ's PostgreSQL backend (embedded)" : 'Redis'}`, () => {
  const trial = process.env.HUB_MODE === HubMode.TRIAL;
  const prefix = process.env.HUB_QUEUE_PREFIX ?? 'ecoo';
  const name = (what: string) => `spec-${what}-${randomBytes(3).toString('hex')}`;
  let queues: QueueService;
  const runs = new Map<string, Run[]>();
  const record = (queue: string) => (job: { id: string; name: string; attemptsMade: number }) => {
    runs.set(queue, [...(runs.get(queue) ?? []), { id: job.id, name: job.name, attemptsMade: job.attemptsMade, at: Date.now() }]);
  };
  const runsOf = (queue: string) => runs.get(queue) ?? [];
  const idle = (queue: string) =>
    eventually(`${queue} to be idle`, () => queues.depths().then((d) => d[queue]), (c) => c.waiting + c.active + c.prioritized === 0);

  beforeAll(async () => {
    // Without an app there is no pino: keep Nest's console logger to errors.
    Logger.overrideLogger(['error']);
    const store: QueueStore = trial ? await EmbeddedQueueStore.open(process.env.HUB_DATA_DIR!) : new RedisQueueStore(process.env.REDIS_URL!, prefix);
    queues = new QueueService(store, { lockMs: 30_000 });
  });

  afterAll(async () => {
    await queues.onApplicationShutdown();
  });

  it('runs a job id once; a finished one is kept until removeFinished lets the id run again', async () => {
    const queue = name('ids');
    queues.register(queue, async (job) => record(queue)(job));
    queues.startWorkers();
    await queues.enqueue(queue, 'work', { n: 1 }, { jobId: 'job-a' });
    await queues.enqueue(queue, 'work', { n: 1 }, { jobId: 'job-a' });
    await eventually('the first run', async () => runsOf(queue).length, (n) => n >= 1);
    await idle(queue);
    expect(await queues.isLive(queue, 'job-a')).toBe(false);
    expect(await queues.queue(queue).getJobState('job-a')).toBe('completed');

    await queues.enqueue(queue, 'work', { n: 1 }, { jobId: 'job-a' });
    await idle(queue);
    expect(runsOf(queue)).toHaveLength(1);

    await queues.removeFinished(queue, 'job-a');
    expect(await queues.queue(queue).getJobState('job-a')).toBe('unknown');
    await queues.enqueue(queue, 'work', { n: 1 }, { jobId: 'job-a' });
    await eventually('the second run', async () => runsOf(queue).length, (n) => n === 2);
  });

  if (!trial) {
    it('lets an orphaned job id run again: a record left outside every list (Redis partly wiped) blocks its id until removeFinished', async () => {
      const queue = name('orphan');
      queues.register(queue, async (job) => record(queue)(job));
      queues.startWorkers();
      await queues.enqueue(queue, 'work', { n: 1 }, { jobId: 'job-o', delay: 60_000 });
      expect(await queues.isLive(queue, 'job-o')).toBe(true);
      // What a partial wipe leaves: the job's record, but no list that holds it.
      const redis = new IORedis(process.env.REDIS_URL!);
      try {
        expect(await redis.zrem(`${prefix}:${queue}:delayed`, 'job-o')).toBe(1);
        expect(await redis.exists(`${prefix}:${queue}:job-o`)).toBe(1);
      } finally {
        redis.disconnect();
      }
      expect(await queues.queue(queue).getJobState('job-o')).toBe('unknown');
      expect(await queues.isLive(queue, 'job-o')).toBe(false);
      await queues.enqueue(queue, 'work', { n: 2 }, { jobId: 'job-o' });
      expect(await queues.queue(queue).getJobState('job-o')).toBe('unknown');

      await queues.removeFinished(queue, 'job-o');
      await queues.enqueue(queue, 'work', { n: 3 }, { jobId: 'job-o' });
      await eventually('the orphan id to run', async () => runsOf(queue).length, (n) => n === 1);
    });
  }

  it('keeps a delayed job delayed, and live, until its time', async () => {
    const queue = name('delayed');
    queues.registerDynamic(queue, async (job) => record(queue)(job));
    const added = Date.now();
    await queues.enqueue(queue, 'later', {}, { jobId: 'job-d', delay: 1500 });
    expect(await queues.queue(queue).getJobState('job-d')).toBe('delayed');
    expect(await queues.isLive(queue, 'job-d')).toBe(true);
    const [run] = await eventually('the delayed run', async () => runsOf(queue), (r) => r.length === 1);
    expect(run.at - added).toBeGreaterThanOrEqual(1500);
  });

  it('retries a job that asked to be retried later no sooner than it asked', async () => {
    const queue = name('retry');
    queues.registerDynamic(queue, async (job) => {
      record(queue)(job);
      if (job.attemptsMade === 0) throw new RetryLaterError('Retry-After: 1', 1000);
    });
    await queues.enqueue(queue, 'flaky', {}, { jobId: 'job-r', attempts: 5, backoff: RETRY_LATER_BACKOFF });
    const [first, second] = await eventually('the retry', async () => runsOf(queue), (r) => r.length === 2);
    expect([first.attemptsMade, second.attemptsMade]).toEqual([0, 1]);
    expect(second.at - first.at).toBeGreaterThanOrEqual(1000);
    await eventually('the job to complete', () => queues.queue(queue).getJobState('job-r'), (s) => s === 'completed');
  });

  it('does not retry a domain error, whatever attempts are left', async () => {
    const queue = name('domain');
    queues.registerDynamic(queue, async (job) => {
      record(queue)(job);
      throw new RefusedForGood();
    });
    await queues.enqueue(queue, 'doomed', {}, { jobId: 'job-x', attempts: 5, backoff: RETRY_LATER_BACKOFF });
    await eventually('the job to fail', () => queues.queue(queue).getJobState('job-x'), (s) => s === 'failed');
    expect(runsOf(queue)).toHaveLength(1);
    expect((await queues.queue(queue).getJob('job-x'))?.failedReason).toBe('REFUSED_FOR_GOOD: refused for good');
  });

  it('runs a scheduled job repeatedly from one scheduler, however often it is upserted', async () => {
    const queue = name('scheduled');
    queues.registerDynamic(queue, async (job) => record(queue)(job));
    await queues.schedule(queue, 'tick-scheduler', { every: 300 }, 'tick');
    await queues.schedule(queue, 'tick-scheduler', { every: 300 }, 'tick');
    const ticks = await eventually('three ticks', async () => runsOf(queue), (r) => r.length >= 3);
    expect(ticks.every((t) => t.name === 'tick')).toBe(true);
    expect(await queues.queue(queue).getJobSchedulersCount()).toBe(1);
    await queues.queue(queue).removeJobScheduler('tick-scheduler');
  });

  it('reports the depth of every queue it knows, and answers its health probe', async () => {
    const queue = name('depth');
    await queues.enqueue(queue, 'parked', {}, { jobId: 'job-p', delay: 60_000 });
    const depths = await queues.depths();
    expect(depths[queue]).toEqual({ waiting: 0, active: 0, delayed: 1, failed: 0, prioritized: 0 });
    await expect(queues.ping()).resolves.toBeUndefined();
    expect(queues.healthCheck).toBe(trial ? 'queues' : 'redis');
    await queues.queue(queue).obliterate({ force: true });
  });
});

// The @OnJob registry on the same backend: one worker per queue, dispatch by job name.
describe(`JobRegistry on ${process.env.HUB_MODE === 'trial' ? "BullMQ's PostgreSQL backend (embedded)" : 'Redis'}`, () => {
  const trial = process.env.HUB_MODE === HubMode.TRIAL;
  // The real queue names, under a prefix of this spec's own (hubs booted by other specs of the run
  // schedule their jobs under the run's prefix). The embedded database is this spec file's own.
  const prefix = `${process.env.HUB_QUEUE_PREFIX ?? 'ecoo'}-registry-${randomBytes(3).toString('hex')}`;
  const retired = RETIRED_QUEUES.map((r) => r.queue);
  let queues: QueueService;
  let app: TestingModule;

  @Injectable()
  class SpecJobs {
    readonly runs: { id: string; name: string; data: unknown }[] = [];
    readonly hourly = 3_600_000;

    @OnJob({ name: 'spec-job' })
    async specJob(job: { id: string; name: string; data: unknown }): Promise<{ ran: string }> {
      this.runs.push({ id: job.id, name: job.name, data: job.data });
      return { ran: job.id };
    }

    @OnJob<SpecJobs>({ name: 'spec-repeated', every: (self) => self.hourly })
    async repeated(job: { id: string; name: string; data: unknown }): Promise<void> {
      this.runs.push({ id: job.id, name: job.name, data: job.data });
    }
  }

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    const store: QueueStore = trial ? await EmbeddedQueueStore.open(process.env.HUB_DATA_DIR!) : new RedisQueueStore(process.env.REDIS_URL!, prefix);
    queues = new QueueService(store, { lockMs: 30_000 });
    // What an earlier release left under each retired name: a schedule, and a job still waiting.
    for (const queue of retired) {
      await queues.queue(queue).upsertJobScheduler('spec-old-schedule', { every: 3_600_000, startDate: Date.now() + 3_600_000 }, { name: 'spec-job', data: {} });
      await queues.enqueue(queue, 'spec-job', { from: queue }, { jobId: `left-on-${queue}` });
    }
    app = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [JobRegistry, SpecJobs, { provide: QueueService, useValue: queues }] }).compile();
    await app.init();
    queues.startWorkers();
  });

  afterAll(async () => {
    // The prefix is this spec's own, outside what the run's teardown sweeps: leave nothing behind.
    for (const queue of [QueueName.MAINTENANCE, ...RETIRED_QUEUES.map((r) => r.queue)]) await queues.queue(queue).obliterate({ force: true });
    // Closes the QueueService too (Nest shuts down the provider it was given).
    await app.close();
  });

  it('runs each job by its name on the shared maintenance queue, and upserts the schedules the handlers ask for', async () => {
    const jobs = app.get(SpecJobs);
    expect(app.get(JobRegistry).jobsOn(QueueName.MAINTENANCE)).toEqual(['spec-job', 'spec-repeated']);
    await queues.enqueue(QueueName.MAINTENANCE, 'spec-job', { n: 1 }, { jobId: 'named-1' });
    await eventually('the job to complete', () => queues.queue(QueueName.MAINTENANCE).getJobState('named-1'), (s) => s === 'completed');
    expect(jobs.runs).toContainEqual({ id: 'named-1', name: 'spec-job', data: { n: 1 } });
    expect((await queues.queue(QueueName.MAINTENANCE).getJob('named-1'))?.returnvalue).toEqual({ ran: 'named-1' });
    expect(await queues.queue(QueueName.MAINTENANCE).getJobScheduler('spec-repeated')).toMatchObject({ key: 'spec-repeated', name: 'spec-repeated', every: 3_600_000 });
  });

  it('fails a job nobody handles at once, without retries, rather than completing it', async () => {
    await queues.enqueue(QueueName.MAINTENANCE, 'nobody-handles-this', {}, { jobId: 'unknown-1', attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    await eventually('the job to fail', () => queues.queue(QueueName.MAINTENANCE).getJobState('unknown-1'), (s) => s === 'failed');
    const job = await queues.queue(QueueName.MAINTENANCE).getJob('unknown-1');
    expect(job?.failedReason).toBe('No handler for job "nobody-handles-this" on queue maintenance');
    expect(job?.attemptsMade).toBe(1);
    expect(app.get(SpecJobs).runs.map((r) => r.name)).not.toContain('nobody-handles-this');
  });

  it('runs the jobs left on the retired queues through the same handlers, and removes their schedules', async () => {
    expect(retired).toEqual(['verification-cases', 'exchange-maintenance']);
    for (const queue of retired) {
      await eventually(`the job left on ${queue} to complete`, () => queues.queue(queue).getJobState(`left-on-${queue}`), (s) => s === 'completed');
      expect(app.get(SpecJobs).runs).toContainEqual({ id: `left-on-${queue}`, name: 'spec-job', data: { from: queue } });
      expect(await queues.queue(queue).getJobSchedulersCount()).toBe(0);
    }
  });
});
