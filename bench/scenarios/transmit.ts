// Transmission (DESIGN.md section 9, issue 15): envelopes delivered and acknowledged per second,
// counted from PostgreSQL (deliveries DELIVERED with their attempts, from the first attempt started
// to the last acknowledgement). The hub runs as in production: an API process (`node dist/main.js`)
// and worker processes (`node dist/worker.js`) on local PostgreSQL and Redis, logs at warn.
//
// The partner is bench/support/ack-partner.ts, a minimal server that acknowledges at once (and answers
// a repeat with its first acknowledgement). Its own ceiling is measured every round, first: this
// process POSTs the same 6 KB envelopes to it over 64 keep-alive connections for 3 s (a floor of what
// it takes, since one process sends). The reference is a bare BullMQ worker
// (bench/support/bare-transmit-worker.ts) POSTing the same envelopes to the same partner at the same
// concurrency (--concurrency, 64), with no bookkeeping at all; envelope bundles are not used.
//
// Backlogs: a few dozen certificates are issued through the API, at start, to a template partner that
// stays paused; their signed envelopes are copied by SQL into the backlog of each measure's new
// partners (each copy with an envelope id of its own, so its node signature no longer matches: the
// benchmark partner checks none), with the partners paused; they are then resumed through the API as
// an operator would after an outage, and the hub enqueues, sends and records everything from there.
// Each round, in turn (--only a,b,... to run some):
//   throughput   one worker process, a backlog of --envelopes to one partner; the bare worker with the
//                same envelopes, in alternating order (targets: hub >= 2,000/s and >= 0.5x bare)
//   two-workers  the same backlog with two worker processes (both cores)
//   partners     --partners partners of --per-partner envelopes each, one worker process
//   latency      certificates issued through the API at a steady rate (70% of what 16 clients reach
//                back to back, measured first) for --seconds; issue-to-acknowledgement p50 and p99
//                (target: p99 under 1 s)
// Once, after the rounds:
//   backlog      a backlog of --backlog (a partner down for a day), one worker process: the rate, the
//                worker's RSS every half second, the API's answer times (GET a certificate every
//                100 ms) while it drains
//   chaos        a backlog of --chaos to a partner answering every third call 503, Redis wiped at a
//                third of the drain, the worker SIGKILLed at two thirds and started again: every
//                delivery DELIVERED and each envelope stored once by the partner, or the run fails
// The runner prints PostgreSQL's durability settings with each round; nothing changes them.
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { Pool } from 'undici';
import { BENCH_ADMIN_TOKEN, BenchDatabase, BuiltProcess, REDIS_URL, freePort, hubEnv, spawnScript, stopChild } from '../support/hub-process';
import { benchCertificate } from '../support/issuing';
import { Figure, Scenario, alternate } from '../support/scenario';

const PARTNER_TOKEN = 'bench-hub-to-partner-token-0123456789';
const BARE_QUEUE = 'bare-transmit';
const TEMPLATES = 40;
const PARTS = ['throughput', 'two-workers', 'partners', 'latency', 'backlog', 'chaos'] as const;
type Part = (typeof PARTS)[number];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

interface AckPartner {
  url: string;
  child: ChildProcess;
  stats(): Promise<{ received: number; stored: number; repeats: number; failed: number }>;
  reset(): Promise<void>;
}

async function startPartner(failEvery = 0): Promise<AckPartner> {
  const port = await freePort();
  const child = await spawnScript('bench/support/ack-partner.ts', [String(port), PARTNER_TOKEN, ...(failEvery > 0 ? ['--fail-every', String(failEvery)] : [])]);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    stats: async () => (await (await fetch(`${url}/_stats`)).json()) as Awaited<ReturnType<AckPartner['stats']>>,
    reset: async () => void (await fetch(`${url}/_reset`, { method: 'POST' })),
  };
}

/** What the partner takes from this one process over 64 keep-alive connections: a floor of its ceiling. */
async function partnerCeiling(partner: AckPartner, envelope: string, seconds: number): Promise<number> {
  const pool = new Pool(partner.url, { connections: 64 });
  let done = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (performance.now() < deadline) {
        const response = await pool.request({
          path: '/v1/exchange/envelopes',
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${PARTNER_TOKEN}`, 'x-envelope-id': randomUUID() },
          body: envelope,
        });
        await response.body.text();
        if (response.statusCode === 200) done += 1;
      }
    }),
  );
  const rate = done / ((performance.now() - started) / 1000);
  await pool.close();
  await partner.reset();
  return rate;
}

/** An API process and its database; worker processes started and stopped per measure. */
class Hub {
  constructor(
    readonly api: BuiltProcess,
    private readonly env: Record<string, string>,
  ) {}

  async json<T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  startWorker(extra: Record<string, string> = {}): Promise<BuiltProcess> {
    return BuiltProcess.worker({ ...this.env, ...extra });
  }
}

class Bench {
  private partnerSeq = 0;
  templatePartner = '';
  issuer = '';
  readonly workers: BuiltProcess[] = [];

  constructor(
    readonly hub: Hub,
    readonly db: Client,
    readonly partner: AckPartner,
    private readonly log: (line: string) => void,
  ) {}

  async prepare(): Promise<void> {
    const hub = this.hub;
    await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] });
    const keys = await hub.json('POST', '/v1/pki/dev-keys', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'], node: true });
    if (keys.status !== 200) throw new Error(`development keys: ${keys.status}`);
    const key = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, { authority: 'KH-MOC' });
    if (key.status !== 201) throw new Error(`API key: ${key.status}`);
    this.issuer = key.body.key;
    // The template partner stays paused: its deliveries are the envelopes the backlogs copy.
    this.templatePartner = await this.registerPartner(this.partner.url, 'JP', true);
    await mapLimit(Array.from({ length: TEMPLATES }, (_, i) => i), 8, async () => {
      if (!(await this.issueOne())) throw new Error('a certificate could not be issued: see the hub log above');
    });
  }

  private nodeCertificate?: string;

  async registerPartner(endpointUrl: string, country: string, paused: boolean, extra: Record<string, unknown> = {}): Promise<string> {
    this.partnerSeq += 1;
    this.nodeCertificate ??= (await this.hub.json<{ certificate: string }>('GET', '/v1/exchange/node-certificate', BENCH_ADMIN_TOKEN)).body.certificate;
    const created = await this.hub.json<{ id: string }>('POST', '/v1/partners', BENCH_ADMIN_TOKEN, {
      code: `${country}-BENCH-${this.partnerSeq}`,
      name: `Benchmark partner ${this.partnerSeq}`,
      endpointUrl,
      routes: [{ country, authority: `${country}-CUSTOMS` }],
      messageTypes: ['CO_ISSUED'],
      outboundAuth: { type: 'BEARER', token: PARTNER_TOKEN },
      // Any certificate will do: the benchmark partner checks no node signature.
      nodeCertificate: this.nodeCertificate,
      // The benchmark partner acknowledges at once and signs no receipt.
      receipts: 'UNSIGNED',
      retry: { maxAttempts: 100, baseDelayMs: 200, maxDelayMs: 5000 },
      circuitBreaker: { failureThreshold: 1000 },
      paused,
      ...extra,
    });
    if (created.status !== 201) throw new Error(`partner: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id;
  }

  async issueOne(): Promise<string | undefined> {
    const created = await this.hub.json<{ id: string }>('POST', '/v1/certificates', this.issuer, benchCertificate());
    if (created.status !== 201) return undefined;
    const issued = await this.hub.json('POST', `/v1/certificates/${created.body.id}/issue`, this.issuer);
    return issued.status === 200 ? created.body.id : undefined;
  }

  /** Copies the template envelopes into `perPartner` pending deliveries of each partner, 10,000 rows per statement. */
  async seed(partnerIds: string[], perPartner: number): Promise<number> {
    const total = partnerIds.length * perPartner;
    for (let from = 0; from < total; from += 10_000) {
      const to = Math.min(total, from + 10_000);
      await this.db.query(
        `WITH g AS (
           SELECT ($1::uuid[])[(n / $2) + 1] AS partner_id, n, gen_random_uuid() AS envelope_id FROM generate_series($3::int, $4::int - 1) AS n
         ), t AS (
           SELECT d.*, (row_number() OVER (ORDER BY d.id)) - 1 AS rn FROM deliveries d WHERE d.partner_id = $5
         )
         INSERT INTO deliveries (certificate_id, related_certificate_id, message_type, envelope_id, route, partner_id, recipient_country, recipient_authority, status, envelope)
         SELECT t.certificate_id, t.related_certificate_id, t.message_type, g.envelope_id, t.route, g.partner_id, 'KR', 'KR-CUSTOMS', 'PENDING',
                jsonb_set(jsonb_set(t.envelope, '{envelopeId}', to_jsonb(g.envelope_id::text)), '{to}', '"KR-CUSTOMS"')
           FROM g JOIN t ON t.rn = g.n % ${TEMPLATES}`,
        [partnerIds, perPartner, from, to, this.templatePartner],
      );
    }
    await this.db.query('ANALYZE deliveries');
    return total;
  }

  async resume(partnerIds: string[]): Promise<void> {
    await mapLimit(partnerIds, 16, async (id) => {
      const res = await this.hub.json('PATCH', `/v1/partners/${id}`, BENCH_ADMIN_TOKEN, { paused: false });
      if (res.status !== 200) throw new Error(`resume ${id}: ${res.status}`);
    });
  }

  async delivered(partnerIds: string[]): Promise<number> {
    return (await this.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE partner_id = ANY($1::uuid[]) AND status = 'DELIVERED'`, [partnerIds])).rows[0].n;
  }

  async waitDelivered(partnerIds: string[], expected: number, onTick?: (delivered: number) => Promise<void>): Promise<void> {
    const deadline = Date.now() + 3_600_000;
    for (;;) {
      const n = await this.delivered(partnerIds);
      if (onTick) await onTick(n);
      if (n >= expected) return;
      if (Date.now() > deadline) throw new Error(`timed out: ${n} of ${expected} delivered`);
      await sleep(500);
    }
  }

  /** The rate from PostgreSQL: deliveries DELIVERED over the first attempt started .. the last acknowledgement. */
  async rateOf(partnerIds: string[]): Promise<{ delivered: number; attempts: number; seconds: number; perSecond: number }> {
    const { rows } = await this.db.query(
      `SELECT count(DISTINCT d.id) FILTER (WHERE d.status = 'DELIVERED')::int AS delivered, count(a.id)::int AS attempts,
              extract(epoch FROM max(d.acknowledged_at) - min(a.started_at))::float AS seconds
         FROM deliveries d JOIN delivery_attempts a ON a.delivery_id = d.id WHERE d.partner_id = ANY($1::uuid[])`,
      [partnerIds],
    );
    const { delivered, attempts, seconds } = rows[0] as { delivered: number; attempts: number; seconds: number };
    return { delivered, attempts, seconds, perSecond: delivered / seconds };
  }

  async startWorkers(count: number, env: Record<string, string> = {}): Promise<void> {
    for (let i = 0; i < count; i++) this.workers.push(await this.hub.startWorker(env));
  }

  async stopWorkers(): Promise<void> {
    for (const worker of this.workers.splice(0)) await worker.stop();
  }

  /** A backlog of `perPartner` for each of `partners` new partners, drained by `workers` worker processes. */
  async drain(label: string, partners: number, perPartner: number, workers: number, hooks: { resumed?: () => void; tick?: (delivered: number) => Promise<void> } = {}) {
    const ids = await mapLimit(Array.from({ length: partners }, (_, i) => i), 8, () => this.registerPartner(this.partner.url, 'KR', true));
    const total = await this.seed(ids, perPartner);
    await this.partner.reset();
    await this.startWorkers(workers);
    this.log(`${label}: ${total} envelopes waiting for ${partners} partner(s); ${workers} worker process(es)`);
    await this.resume(ids);
    hooks.resumed?.();
    await this.waitDelivered(ids, total, hooks.tick);
    const rate = await this.rateOf(ids);
    const stats = await this.partner.stats();
    await this.stopWorkers();
    this.log(
      `${label}: ${rate.delivered} delivered in ${rate.seconds.toFixed(1)} s = ${rate.perSecond.toFixed(0)} envelopes/s (${rate.attempts} attempts; partner stored ${stats.stored}, repeats ${stats.repeats})`,
    );
    return { ids, ...rate, partnerStored: stats.stored };
  }
}

/** The bare worker POSTs `envelopes`; envelopes per second over its processing window, from BullMQ's records. */
async function measureBare(bare: Queue, partner: AckPartner, envelopes: unknown[]): Promise<number> {
  await partner.reset();
  await bare.obliterate({ force: true });
  await bare.pause();
  for (let i = 0; i < envelopes.length; i += 1000) {
    await bare.addBulk(envelopes.slice(i, i + 1000).map((envelope) => ({ name: 'post', data: { envelope }, opts: { removeOnComplete: false, removeOnFail: false } })));
  }
  await bare.resume();
  for (;;) {
    const counts = await bare.getJobCounts('completed', 'failed');
    if (counts.failed > 0) throw new Error(`the bare worker failed ${counts.failed} job(s)`);
    if (counts.completed === envelopes.length) break;
    await sleep(200);
  }
  let started = Infinity;
  let finished = 0;
  for (let i = 0; i < envelopes.length; i += 5000) {
    for (const job of await bare.getJobs(['completed'], i, i + 4999)) {
      started = Math.min(started, job.processedOn ?? Infinity);
      finished = Math.max(finished, job.finishedOn ?? 0);
    }
  }
  await bare.obliterate({ force: true });
  return envelopes.length / ((finished - started) / 1000);
}

async function deleteKeys(prefix: string): Promise<number> {
  const redis = new IORedis(REDIS_URL);
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  return deleted;
}

/** Issues certificates at a steady rate (70% of what 16 clients reach back to back) for `seconds`; issue-to-acknowledgement times. */
async function measureLatency(bench: Bench, live: string, seconds: number): Promise<{ closedPerSecond: number; issuedPerSecond: number; p50: number; p99: number; count: number }> {
  let closed = 0;
  const probeEnd = Date.now() + 3000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (Date.now() < probeEnd) if (await bench.issueOne()) closed += 1;
    }),
  );
  const closedPerSecond = closed / 3;
  const rate = Math.max(1, Math.floor(closedPerSecond * 0.7));
  const ids: string[] = [];
  const pending: Promise<void>[] = [];
  const start = Date.now();
  for (let i = 0; Date.now() - start < seconds * 1000; i++) {
    const due = start + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    pending.push(bench.issueOne().then((id) => void (id && ids.push(id))));
  }
  await Promise.all(pending);
  const issuedPerSecond = ids.length / ((Date.now() - start) / 1000);
  const deadline = Date.now() + 600_000;
  const count = async (): Promise<number> =>
    (await bench.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE certificate_id = ANY($1::uuid[]) AND partner_id = $2 AND status = 'DELIVERED'`, [ids, live])).rows[0].n;
  while ((await count()) < ids.length) {
    if (Date.now() > deadline) throw new Error('latency: deliveries not all acknowledged');
    await sleep(200);
  }
  const { rows } = await bench.db.query(`SELECT extract(epoch FROM acknowledged_at - created_at) * 1000 AS ms FROM deliveries WHERE certificate_id = ANY($1::uuid[]) AND partner_id = $2`, [ids, live]);
  const sorted = rows.map((r: { ms: string }) => Number(r.ms)).sort((a: number, b: number) => a - b);
  return { closedPerSecond, issuedPerSecond, p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: ids.length };
}

const scenario: Scenario = {
  description:
    'envelopes delivered per second (1 and 2 worker processes, 1,000 partners) vs a bare BullMQ worker at concurrency 64, the partner ceiling, latency at a steady issue rate; once: a 100,000 backlog (RSS, API) and a chaos backlog',
  options: { envelopes: 20_000, concurrency: 64, partners: 1000, 'per-partner': 20, seconds: 20, backlog: 100_000, chaos: 20_000 },
  textOptions: ['only'],
  async start(context) {
    const only = context.text('only');
    const parts = new Set<Part>(only ? (only.split(',') as Part[]) : PARTS);
    for (const part of parts) if (!PARTS.includes(part)) throw new Error(`--only: unknown part ${part} (use ${PARTS.join(', ')})`);
    const concurrency = context.option('concurrency');
    const envelopes = context.option('envelopes');
    const database = await BenchDatabase.create('transmit');
    // One environment for the API and every worker (the master key is random per call of hubEnv).
    // The reconciler is held off (it would page through the whole backlog mid-measure) but in the chaos part.
    const env = { ...hubEnv(), ...database.env(), HUB_DELIVERY_CONCURRENCY: String(concurrency), HUB_RECONCILE_EVERY_MS: String(24 * 3_600_000) };
    const children: ChildProcess[] = [];
    let api: BuiltProcess | undefined;
    let bench: Bench | undefined;
    const db = new Client({ connectionString: database.url });
    const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    const barePrefix = `${database.prefix}-bare`;
    const bare = new Queue(BARE_QUEUE, { connection, prefix: barePrefix });
    const stop = async (): Promise<void> => {
      await bench?.stopWorkers().catch(() => undefined);
      await bare.obliterate({ force: true }).catch(() => undefined);
      await bare.close();
      connection.disconnect();
      await db.end().catch(() => undefined);
      await api?.stop();
      for (const child of children) await stopChild(child);
      await database.drop();
    };
    try {
      const partner = await startPartner();
      children.push(partner.child);
      api = await BuiltProcess.api(env);
      await db.connect();
      bench = new Bench(new Hub(api, env), db, partner, (line) => context.log(line));
      const b = bench;
      await b.prepare();
      const sample = JSON.stringify((await db.query('SELECT envelope FROM deliveries WHERE partner_id = $1 LIMIT 1', [b.templatePartner])).rows[0].envelope);
      const bareWorker = await spawnScript('bench/support/bare-transmit-worker.ts', [BARE_QUEUE, barePrefix, partner.url, PARTNER_TOKEN, String(concurrency)]);
      children.push(bareWorker);
      // The latency part issues to a live partner serving the country the template partner serves.
      let live: string | undefined;
      return {
        async round(round) {
          const figures: Figure[] = [];
          const ceiling = await partnerCeiling(partner, sample, 3);
          context.log(`partner ceiling: ${ceiling.toFixed(0)} POSTs/s`);
          figures.push({ figure: 'benchmark partner ceiling (6 KB POSTs, 64 connections, one sender process)', unit: '/s', reference: { label: 'ack-partner', value: ceiling } });
          let barePerSecond = NaN;
          if (parts.has('throughput')) {
            let hubPerSecond = NaN;
            let ids: string[] = [];
            for (const which of alternate(round, ['hub', 'bare'] as const)) {
              if (which === 'hub') {
                const r = await b.drain('1 worker', 1, envelopes, 1);
                hubPerSecond = r.perSecond;
                ids = r.ids;
              } else {
                // The same envelopes as the hub's backlog of this round (a fresh copy when the bare worker goes first).
                const source = ids.length > 0 ? ids : [await b.registerPartner(partner.url, 'KR', true)];
                if (ids.length === 0) await b.seed(source, envelopes);
                const rows = (await db.query('SELECT envelope FROM deliveries WHERE partner_id = $1', [source[0]])).rows.map((r: { envelope: unknown }) => r.envelope);
                barePerSecond = await measureBare(bare, partner, rows);
                context.log(`bare BullMQ worker, concurrency ${concurrency}: ${barePerSecond.toFixed(0)} envelopes/s`);
              }
            }
            const figure = `envelopes delivered, 1 worker process, backlog of ${envelopes}, concurrency ${concurrency}`;
            figures.push({ figure, unit: '/s', hub: hubPerSecond, reference: { label: 'bare BullMQ worker', value: barePerSecond }, target: { on: 'ratio', atLeast: 0.5 } });
            figures.push({ figure: `${figure} (absolute)`, unit: '/s', hub: hubPerSecond, target: { on: 'hub', atLeast: 2000 } });
          }
          if (parts.has('two-workers')) {
            const r = await b.drain('2 workers', 1, envelopes, 2);
            figures.push({
              figure: `envelopes delivered, 2 worker processes, backlog of ${envelopes}`,
              unit: '/s',
              hub: r.perSecond,
              ...(Number.isNaN(barePerSecond) ? {} : { reference: { label: 'bare BullMQ worker (1 process)', value: barePerSecond } }),
              target: { on: 'hub', atLeast: 2000 },
            });
          }
          if (parts.has('partners')) {
            const partners = context.option('partners');
            const perPartner = context.option('per-partner');
            const r = await b.drain(`${partners} partners`, partners, perPartner, 1);
            figures.push({
              figure: `envelopes delivered, ${partners} partners x ${perPartner}, 1 worker process`,
              unit: '/s',
              hub: r.perSecond,
              ...(Number.isNaN(barePerSecond) ? {} : { reference: { label: 'bare BullMQ worker (1 partner)', value: barePerSecond } }),
              target: { on: 'hub', atLeast: 2000 },
            });
          }
          if (parts.has('latency')) {
            if (!live) {
              // New certificates go to a live partner: the template partner, serving the same country, is deactivated.
              await b.hub.json('PATCH', `/v1/partners/${b.templatePartner}`, BENCH_ADMIN_TOKEN, { active: false });
              live = await b.registerPartner(partner.url, 'JP', false);
            }
            await b.startWorkers(1);
            const latency = await measureLatency(b, live, context.option('seconds'));
            await b.stopWorkers();
            context.log(
              `latency: ${latency.issuedPerSecond.toFixed(1)} certificates/s issued steadily (the API reached ${latency.closedPerSecond.toFixed(1)}/s with 16 clients back to back): p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`,
            );
            const detail = { issuedPerSecond: latency.issuedPerSecond, apiClosedLoopPerSecond: latency.closedPerSecond, certificates: latency.count };
            figures.push({ figure: 'issue-to-acknowledgement p50 at a steady issue rate', unit: 'ms', hub: latency.p50, detail });
            figures.push({ figure: 'issue-to-acknowledgement p99 at a steady issue rate', unit: 'ms', hub: latency.p99, detail, target: { on: 'hub', atMost: 1000 } });
          }
          return figures;
        },
        async finish() {
          const figures: Figure[] = [];
          if (parts.has('backlog')) figures.push(...(await backlogPart(b, context.option('backlog'), (line) => context.log(line))));
          if (parts.has('chaos')) {
            const flaky = await startPartner(3);
            children.push(flaky.child);
            figures.push(...(await chaosPart(b, flaky, database.prefix, context.option('chaos'), (line) => context.log(line))));
          }
          return figures;
        },
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },
};

async function backlogPart(b: Bench, count: number, log: (line: string) => void): Promise<Figure[]> {
  const rss: number[] = [];
  const answers: number[] = [];
  let probing = false;
  let probe: Promise<void> = Promise.resolve();
  const someCertificate = (await b.db.query('SELECT certificate_id FROM deliveries WHERE partner_id = $1 LIMIT 1', [b.templatePartner])).rows[0].certificate_id;
  const r = await b.drain(`backlog of ${count}`, 1, count, 1, {
    // The API's answer times, every 100 ms, from the resumption until the backlog is drained.
    resumed: () => {
      probing = true;
      probe = (async () => {
        while (probing) {
          const t0 = performance.now();
          const res = await b.hub.json('GET', `/v1/certificates/${someCertificate}`, b.issuer);
          if (res.status === 200) answers.push(performance.now() - t0);
          await sleep(100);
        }
      })();
    },
    // The worker's memory at every look at the count (every half second).
    tick: async () => {
      const worker = b.workers[0];
      if (worker) rss.push(worker.rss());
    },
  });
  probing = false;
  await probe;
  const sorted = [...answers].sort((x, y) => x - y);
  const mb = (bytes: number): number => Math.round(bytes / 1048576);
  const samples = rss.filter((bytes) => !Number.isNaN(bytes)).map(mb);
  const rssDetail = { first: samples[0], max: Math.max(...samples), last: samples[samples.length - 1], samples: samples.length };
  log(`backlog: worker RSS ${rssDetail.first} MB at start, ${rssDetail.max} MB at most, ${rssDetail.last} MB at the end (${samples.join(' ')})`);
  log(`backlog: API GET certificate while draining: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1]?.toFixed(1)} ms (${sorted.length})`);
  return [
    { figure: `envelopes delivered, backlog of ${count}, 1 worker process`, unit: '/s', hub: r.perSecond, target: { on: 'hub', atLeast: 2000 } },
    { figure: `worker RSS over the drain of ${count} (max)`, unit: 'MB', hub: rssDetail.max, detail: rssDetail },
    { figure: `API GET certificate p99 while ${count} drain`, unit: 'ms', hub: percentile(sorted, 99), detail: { p50: percentile(sorted, 50), max: sorted[sorted.length - 1], requests: sorted.length } },
  ];
}

async function chaosPart(b: Bench, flaky: AckPartner, prefix: string, count: number, log: (line: string) => void): Promise<Figure[]> {
  const id = await b.registerPartner(flaky.url, 'KR', true);
  await b.seed([id], count);
  // The reconciler puts back what the wipe lost; a killed worker's jobs run again within ~10 s.
  const chaosEnv = { HUB_RECONCILE_EVERY_MS: '2000', HUB_QUEUE_LOCK_MS: '5000' };
  await b.startWorkers(1, chaosEnv);
  log(`chaos: ${count} envelopes, every third call answered 503, Redis wiped at a third, the worker SIGKILLed at two thirds`);
  let wiped = 0;
  let killed = false;
  await b.resume([id]);
  await b.waitDelivered([id], count, async (n) => {
    // Each fault once, the first time the count passes its mark.
    if (wiped === 0 && n >= count / 3) {
      wiped = await deleteKeys(prefix);
      log(`chaos: ${n} delivered, Redis wiped (${wiped} keys)`);
    }
    if (!killed && n >= (2 * count) / 3) {
      killed = true;
      await b.workers.shift()?.kill();
      log(`chaos: ${n} delivered, worker SIGKILLed; starting another`);
      await b.startWorkers(1, chaosEnv);
    }
  });
  const statuses: { status: string; n: number }[] = (await b.db.query('SELECT status, count(*)::int AS n FROM deliveries WHERE partner_id = $1 GROUP BY status', [id])).rows;
  const stats = await flaky.stats();
  const rate = await b.rateOf([id]);
  await b.stopWorkers();
  log(`chaos: ${JSON.stringify(statuses)}; partner received ${stats.received} calls, failed ${stats.failed}, stored ${stats.stored} once each, answered ${stats.repeats} repeats from its record`);
  if (stats.stored !== count || statuses.length !== 1 || statuses[0].status !== 'DELIVERED') {
    throw new Error(`chaos: not every delivery DELIVERED with its envelope stored once: ${JSON.stringify({ statuses, stats })}`);
  }
  return [
    {
      figure: `chaos backlog of ${count} (a third of calls 503, Redis wiped, worker SIGKILLed): every delivery DELIVERED, each stored once`,
      unit: '/s',
      hub: rate.perSecond,
      detail: { attempts: rate.attempts, received: stats.received, failed: stats.failed, stored: stats.stored, repeats: stats.repeats },
    },
  ];
}

export default scenario;
