import IORedis from 'ioredis';
import { cambodiaToJapan } from '../fixtures/certificates';
import { eventually, partnerBody } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { PartnerSimulator, accept, drop, fail, lose, stall } from '../../scripts/partner-simulator/simulator';
import { REDIS_URL } from '../support/test-env';
import { WorkerProcess } from '../support/worker-process';

// Deliveries wait on retries, a 5 s stall, a worker restart and its stalled-job check.
jest.setTimeout(300_000);

const PARTNER_TOKEN = 'hub-to-partner-token-0123456789';
// The run's BullMQ prefix, narrowed to this spec: the flush below touches these keys only (other
// runs share this Redis).
const PREFIX = `${process.env.HUB_QUEUE_PREFIX}-chaos`;
const BATCH = 15;

/** Deletes every Redis key of this spec's BullMQ prefix, as a wiped Redis would lose them; returns how many. */
async function flushQueues(): Promise<number> {
  const redis = new IORedis(REDIS_URL);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

// DESIGN.md section 2: a wiped Redis or a killed worker loses nothing and duplicates nothing. An API
// hub issues certificates; a separate worker process (the built dist/worker.js) delivers them to a
// partner that fails a third of its calls and stalls for a while; Redis is flushed mid-stream and the
// worker is killed with SIGKILL while deliveries are in flight, then started again.
describe('exchange chaos: a flaky partner, a flushed Redis, a killed worker', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let simulator: PartnerSimulator;
  let worker: WorkerProcess | undefined;
  let issuer: string;
  const certificateIds: string[] = [];
  const workerEnv = {
    HUB_QUEUE_PREFIX: PREFIX,
    HUB_RECONCILE_EVERY_MS: '1000',
    HUB_PARTNER_SYNC_EVERY_MS: '500',
    HUB_DELIVERY_CONCURRENCY: '4',
    // A killed worker's jobs run again within seconds rather than a minute.
    HUB_QUEUE_LOCK_MS: '2000',
  };

  beforeAll(async () => {
    own = await useOwnDatabase('chaos');
    simulator = await PartnerSimulator.start({ expectToken: PARTNER_TOKEN });
    // A third of the calls fail, one way or another; one in twelve is stored but its answer lost.
    simulator.cycle(accept(), fail(503), accept(), accept(), fail(429, '1'), accept(), accept(), drop(), accept(), lose(), accept(), accept());
    const runPrefix = process.env.HUB_QUEUE_PREFIX;
    process.env.HUB_QUEUE_PREFIX = PREFIX;
    try {
      // The API only: deliveries are the separate worker's.
      hub = await TestHub.start({ withWorkers: false });
    } finally {
      process.env.HUB_QUEUE_PREFIX = runPrefix;
    }
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    const partner = await hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({ endpointUrl: simulator.url, retry: { maxAttempts: 100, baseDelayMs: 100, maxDelayMs: 1000 }, timeoutMs: 5000, circuitBreaker: { failureThreshold: 1000 } }),
    );
    expect(partner.status).toBe(201);
    worker = await WorkerProcess.start(workerEnv);
  });

  afterAll(async () => {
    await worker?.stop();
    await hub?.close();
    await simulator?.close();
    await flushQueues();
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

  it('delivers every envelope exactly once through it all', async () => {
    // 1. Mid-stream, Redis loses every job and the reconciler's schedule, with the worker running.
    await issue(BATCH);
    const firstBatch = [...certificateIds];
    await eventually('a few deliveries of the first batch', () => delivered(firstBatch), (n) => n >= 3, 120_000);
    expect(await flushQueues()).toBeGreaterThan(0);
    await issue(BATCH);
    // Without a restart: the schedule is put back and the reconciler enqueues what was lost.
    await eventually('the first batch, after the flush', () => delivered(firstBatch), (n) => n === BATCH, 120_000);

    // 2. The partner stalls past the timeout for a while; the worker is killed in the middle of a
    // stalled call, its attempt counted and never finished.
    simulator.next(...Array.from({ length: 8 }, () => stall()));
    await issue(BATCH);
    const stalled = await eventually(
      'a stalled call in flight',
      async () => {
        const ids = simulator.received.filter((r) => r.behaviour === 'stall').map((r) => r.envelopeId);
        const rows: { id: string }[] = await hub.dataSource.query(
          `SELECT a.id FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
            WHERE d.envelope_id = ANY($1::uuid[]) AND a.outcome = 'IN_FLIGHT' AND a.started_at > now() - interval '3 seconds'`,
          [ids],
        );
        return rows;
      },
      (rows) => rows.length > 0,
      120_000,
    );
    expect(await (worker as WorkerProcess).kill()).toEqual({ code: null, signal: 'SIGKILL' });

    // 3. The API keeps issuing while no worker runs; then a new worker starts.
    await issue(5);
    worker = await WorkerProcess.start(workerEnv);

    const total = certificateIds.length;
    const settled = await eventually('every delivery to settle', statuses, (s) => (s.PENDING ?? 0) === 0 && Object.values(s).reduce((a, b) => a + b, 0) === total, 240_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}\nworker log (tail):\n${worker?.log.slice(-4000)}`);
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
    // from the record, and the attempt the kill cut off is still in flight on record.
    expect(simulator.received.length).toBeGreaterThan(total);
    expect(new Set(simulator.received.map((r) => r.behaviour))).toEqual(new Set(['accept', 'fail', 'drop', 'lose', 'stall']));
    expect(simulator.repeats.same).toBeGreaterThan(0);
    const [cutOff] = await hub.dataSource.query('SELECT outcome FROM delivery_attempts WHERE id = $1', [stalled[0].id]);
    expect(cutOff.outcome).toBe('IN_FLIGHT');
  });
});
