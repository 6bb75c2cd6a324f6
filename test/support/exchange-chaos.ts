import IORedis from 'ioredis';
import { cambodiaToJapan } from '../fixtures/certificates';
import { eventually, partnerBody } from './exchange';
import { TestHub } from './hub';
import { useOwnDatabase } from './own-database';
import { PartnerSimulator, accept, drop, fail, lose, stall } from '../../scripts/partner-simulator/simulator';
import { REDIS_URL } from './test-env';
import { WorkerProcess } from './worker-process';

const PARTNER_TOKEN = 'hub-to-partner-token-0123456789';
const BATCH = 15;
// Jobs each worker process runs at once for the partner.
const PER_PROCESS = 4;

/** Deletes every Redis key of a BullMQ prefix, as a wiped Redis would lose them; returns how many. */
async function flushQueues(prefix: string): Promise<number> {
  const redis = new IORedis(REDIS_URL);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * DESIGN.md section 2: a wiped Redis or a killed worker loses nothing and duplicates nothing. An API
 * hub issues certificates; `workers` separate worker processes (the built dist/worker.js), sharing
 * the partner's queue, deliver them to a partner that fails a third of its calls and stalls for a
 * while; Redis is flushed mid-stream and a worker is killed with SIGKILL while its calls are in
 * flight, then started again. Registers its own describe block.
 */
export function chaosScenario(workers: 1 | 2): void {
  // Deliveries wait on retries, a 5 s stall, a worker restart and its stalled-job check.
  jest.setTimeout(300_000);
  // The run's BullMQ prefix, narrowed to this spec: the flush touches these keys only (other runs share this Redis).
  const prefix = `${process.env.HUB_QUEUE_PREFIX}-chaos${workers}`;

  describe(`exchange chaos with ${workers} worker process${workers === 1 ? '' : 'es'}: a flaky partner, a flushed Redis, a killed worker`, () => {
    let own: { restore: () => Promise<void> };
    let hub: TestHub;
    let simulator: PartnerSimulator;
    const running: WorkerProcess[] = [];
    let issuer: string;
    let partnerId: string;
    const certificateIds: string[] = [];
    const workerEnv = {
      HUB_QUEUE_PREFIX: prefix,
      HUB_RECONCILE_EVERY_MS: '1000',
      HUB_PARTNER_SYNC_EVERY_MS: '500',
      HUB_DELIVERY_CONCURRENCY: String(PER_PROCESS),
      // A killed worker's jobs run again within seconds rather than a minute.
      HUB_QUEUE_LOCK_MS: '2000',
    };

    beforeAll(async () => {
      own = await useOwnDatabase(`chaos${workers}`);
      simulator = await PartnerSimulator.start({ expectToken: PARTNER_TOKEN });
      // A third of the calls fail, one way or another; one in twelve is stored but its answer lost.
      simulator.cycle(accept(), fail(503), accept(), accept(), fail(429, '1'), accept(), accept(), drop(), accept(), lose(), accept(), accept());
      const runPrefix = process.env.HUB_QUEUE_PREFIX;
      process.env.HUB_QUEUE_PREFIX = prefix;
      try {
        // The API only: deliveries are the separate workers'.
        hub = await TestHub.start({ withWorkers: false });
      } finally {
        process.env.HUB_QUEUE_PREFIX = runPrefix;
      }
      issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
      const partner = await hub.operator(
        'POST',
        '/v1/partners',
        partnerBody({
          endpointUrl: simulator.url,
          retry: { maxAttempts: 100, baseDelayMs: 100, maxDelayMs: 1000 },
          timeoutMs: 5000,
          circuitBreaker: { failureThreshold: 1000 },
          // Hub-wide, as many calls at once as the worker processes take together.
          delivery: { concurrency: PER_PROCESS * workers, connections: PER_PROCESS },
        }),
      );
      expect(partner.status).toBe(201);
      partnerId = partner.body.id;
      expect(partner.body.delivery).toEqual({ concurrency: PER_PROCESS * workers, connections: PER_PROCESS, maxPerSecond: 0 });
      for (let i = 0; i < workers; i++) running.push(await WorkerProcess.start(workerEnv));
    });

    afterAll(async () => {
      for (const worker of running) await worker.stop();
      await hub?.close();
      await simulator?.close();
      await flushQueues(prefix);
      await own.restore();
    });

    async function issue(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
        expect(created.status).toBe(201);
        expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
        certificateIds.push(created.body.id);
      }
    }

    const statuses = async (): Promise<Record<string, number>> => {
      const rows: { status: string; n: number }[] = await hub.dataSource.query('SELECT status, count(*)::int AS n FROM deliveries GROUP BY status');
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    };

    const delivered = async (certificates: string[]): Promise<number> => hub.count('deliveries', `status = 'DELIVERED' AND certificate_id = ANY($1::uuid[])`, [certificates]);

    /** Attempts in flight to stalled calls, started within the stall (it lasts the 5 s timeout). */
    const stalledInFlight = async (): Promise<{ id: string }[]> => {
      const ids = simulator.received.filter((r) => r.behaviour === 'stall').map((r) => r.envelopeId);
      return hub.dataSource.query(
        `SELECT a.id FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
          WHERE d.envelope_id = ANY($1::uuid[]) AND a.outcome = 'IN_FLIGHT' AND a.started_at > now() - interval '4 seconds'`,
        [ids],
      );
    };

    it('delivers every envelope exactly once through it all', async () => {
      // 1. Mid-stream, Redis loses every job and the reconciler's schedule, with the workers running.
      await issue(BATCH);
      const firstBatch = [...certificateIds];
      await eventually('a few deliveries of the first batch', () => delivered(firstBatch), (n) => n >= 3, 120_000);
      expect(await flushQueues(prefix)).toBeGreaterThan(0);
      await issue(BATCH);
      // Without a restart: the schedule is put back and the reconciler enqueues what was lost.
      await eventually('the first batch, after the flush', () => delivered(firstBatch), (n) => n === BATCH, 120_000);

      // 2. The partner stalls past the timeout for a while; a worker is killed in the middle of its
      // stalled calls, their attempts counted and never finished. With every process holding as many
      // stalled calls as it may run at once, the one killed holds some whichever it is.
      // The batch waits while the partner is paused, so that once resumed its jobs go out together.
      const stalls = PER_PROCESS * workers;
      expect((await hub.operator('PATCH', `/v1/partners/${partnerId}`, { paused: true })).status).toBe(200);
      await issue(BATCH);
      simulator.next(...Array.from({ length: stalls }, () => stall()));
      expect((await hub.operator('PATCH', `/v1/partners/${partnerId}`, { paused: false })).status).toBe(200);
      const stalled = await eventually('every worker process busy with stalled calls', stalledInFlight, (rows) => rows.length >= stalls, 120_000);
      const victim = running.shift() as WorkerProcess;
      expect(await victim.kill()).toEqual({ code: null, signal: 'SIGKILL' });

      // 3. The API keeps issuing while the killed worker is gone; then it starts again.
      await issue(5);
      running.push(await WorkerProcess.start(workerEnv));

      const total = certificateIds.length;
      const settled = await eventually('every delivery to settle', statuses, (s) => (s.PENDING ?? 0) === 0 && Object.values(s).reduce((a, b) => a + b, 0) === total, 240_000).catch(
        (error: Error) => {
          throw new Error(`${error.message}\nworker logs (tail):\n${running.map((w) => w.log.slice(-3000)).join('\n---\n')}`);
        },
      );
      expect(settled).toEqual({ DELIVERED: total });

      // One delivery per certificate, each acknowledged with what the receiver stored for it first.
      const rows: { certificate_id: string; envelope_id: string; acknowledgement: { receivedAt: string } }[] = await hub.dataSource.query(
        'SELECT certificate_id, envelope_id, acknowledgement FROM deliveries',
      );
      expect(rows.map((r) => r.certificate_id).sort()).toEqual([...certificateIds].sort());
      const envelopeIds = new Set(rows.map((r) => r.envelope_id));
      expect(envelopeIds.size).toBe(total);
      // The receiver stored each envelope exactly once, and nothing else.
      expect(simulator.stored.size).toBe(total);
      for (const row of rows) expect(row.acknowledgement.receivedAt).toBe(simulator.stored.get(row.envelope_id)?.acknowledgement.receivedAt);
      expect(simulator.repeats.conflicting).toBe(0);

      // The faults really happened: more POSTs than envelopes, every kind of failure, repeats answered
      // from the record, and the attempts the kill cut off are still in flight on record (the
      // surviving process's stalled calls timed out and were recorded so).
      expect(simulator.received.length).toBeGreaterThan(total);
      expect(new Set(simulator.received.map((r) => r.behaviour))).toEqual(new Set(['accept', 'fail', 'drop', 'lose', 'stall']));
      expect(simulator.repeats.same).toBeGreaterThan(0);
      const outcomes: { outcome: string; n: number }[] = await hub.dataSource.query(
        'SELECT outcome, count(*)::int AS n FROM delivery_attempts WHERE id = ANY($1::uuid[]) GROUP BY outcome',
        [stalled.map((row) => row.id)],
      );
      const byOutcome = Object.fromEntries(outcomes.map((o) => [o.outcome, o.n]));
      expect(byOutcome.IN_FLIGHT).toBe(PER_PROCESS);
      if (workers === 2) expect(byOutcome.RETRY).toBe(PER_PROCESS);
    });
  });
}
