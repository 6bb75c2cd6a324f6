// Transmission benchmark (DESIGN.md section 9), run by hand, never in CI:
//   bash bench/transmit/run.sh [scenario...] [--envelopes 20000] [--backlog 100000] [--partners 1000]
//        [--per-partner 20] [--chaos 20000] [--seconds 20] [--concurrency 64]
// Scenarios (all by default, in this order): throughput two-workers partners backlog chaos latency.
//
// Envelopes delivered and acknowledged per second, counted from PostgreSQL: deliveries DELIVERED with
// their attempts, from the first attempt started to the last acknowledgement. The hub runs as it
// runs in production: an API process (`node dist/main.js`) and worker processes (`node dist/worker.js`)
// on local PostgreSQL and Redis, logs at warn.
//
// The partner is bench/transmit/ack-partner.ts, a minimal server that acknowledges at once (and
// answers a repeat with its first acknowledgement); its own ceiling is measured first, in the same
// run: this process POSTs the same envelopes to it over 64 keep-alive connections for a few seconds.
// The reference is a bare BullMQ worker (bench/transmit/bare-worker.ts) POSTing the same envelopes to
// the same partner at the same concurrency, with no bookkeeping at all.
//
// Backlogs: a few dozen certificates are issued through the API to a template partner that stays
// paused; their signed envelopes are copied by SQL into the backlog of the scenario's partners (each
// copy with an envelope id of its own, so its node signature no longer matches: the benchmark
// partner checks none), with the partners paused, which are then resumed through the API as an
// operator would after an outage. The hub enqueues, sends and records everything from there.
//   throughput   one worker process, a backlog of --envelopes to one partner; then the bare worker
//                with the same envelopes; the ratio (target: >= 2,000/s and >= 0.5x the bare worker)
//   two-workers  the same with two worker processes
//   partners     --partners partners with --per-partner envelopes each, one worker process
//   backlog      a backlog of --backlog (a partner down for a day), one worker process: the rate,
//                the worker's RSS sampled every half second, and the API's answer times (GET a
//                certificate, every 100 ms) while it drains
//   chaos        a backlog of --chaos to a partner failing every third call, Redis wiped at a third
//                of the drain and the worker SIGKILLed at two thirds (then started again): every
//                delivery DELIVERED, each envelope stored once by the partner
//   latency      certificates issued through the API at a steady rate (70% of what 16 clients
//                reach back to back, measured first) for --seconds; issue-to-acknowledgement p50
//                and p99 (target: p99 under 1 s)
// PostgreSQL's durability settings are printed with the results (nothing is changed), and the
// results go to bench/results/transmit.json.
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { Pool } from 'undici';
import { cambodiaToJapan } from '../../test/fixtures/certificates';
import { BENCH_ADMIN_TOKEN, HubProcess, REDIS_URL, WorkerChild } from '../support/hub-process';

const ROOT = resolve(__dirname, '../..');
const PARTNER_TOKEN = 'bench-hub-to-partner-token-0123456789';
const BARE_QUEUE = 'bare-transmit';
const TEMPLATES = 40;
const SCENARIOS = ['throughput', 'two-workers', 'partners', 'backlog', 'chaos', 'latency'] as const;
type Scenario = (typeof SCENARIOS)[number];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Spawns a TypeScript script through the benchmarks' swc hook and waits until it prints `ready`. */
async function spawnScript(script: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'bench/register-ts.js'), join(ROOT, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'], cwd: ROOT });
  await new Promise<void>((done, fail) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes('ready')) done();
    });
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
  });
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

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
  const child = await spawnScript('bench/transmit/ack-partner.ts', [String(port), PARTNER_TOKEN, ...(failEvery > 0 ? ['--fail-every', String(failEvery)] : [])]);
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
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
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

class Bench {
  private partnerSeq = 0;
  templatePartner = '';
  issuer = '';
  readonly workers: WorkerChild[] = [];

  constructor(
    readonly hub: HubProcess,
    readonly db: Client,
    readonly partner: AckPartner,
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
      retry: { maxAttempts: 100, baseDelayMs: 200, maxDelayMs: 5000 },
      circuitBreaker: { failureThreshold: 1000 },
      paused,
      ...extra,
    });
    if (created.status !== 201) throw new Error(`partner: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id;
  }

  async issueOne(): Promise<string | undefined> {
    const created = await this.hub.json<{ id: string }>('POST', '/v1/certificates', this.issuer, cambodiaToJapan());
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
    console.log(`${label}: ${total} envelopes waiting for ${partners} partner(s); ${workers} worker process(es)`);
    await this.resume(ids);
    hooks.resumed?.();
    await this.waitDelivered(ids, total, hooks.tick);
    const rate = await this.rateOf(ids);
    const stats = await this.partner.stats();
    await this.stopWorkers();
    console.log(
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

async function main(): Promise<void> {
  const chosen = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--')) as Scenario[];
  for (const s of chosen) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}: use ${SCENARIOS.join(', ')}`);
  const run = new Set<Scenario>(chosen.length > 0 ? chosen : SCENARIOS);
  const envelopes = option('envelopes', 20_000);
  const concurrency = option('concurrency', 64);
  const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version, cpus: cpus().length, concurrency };

  const partner = await startPartner();
  // The reconciler is held off (it would page through the whole backlog mid-measure) but in the chaos scenario.
  const hub = await HubProcess.start({ HUB_DELIVERY_CONCURRENCY: String(concurrency), HUB_RECONCILE_EVERY_MS: String(24 * 3_600_000) }, { withWorker: false });
  const db = new Client({ connectionString: hub.databaseUrl as string });
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const barePrefix = `${hub.prefix}-bare`;
  const bare = new Queue(BARE_QUEUE, { connection, prefix: barePrefix });
  const children: ChildProcess[] = [partner.child];
  const bench = new Bench(hub, db, partner);
  try {
    await db.connect();
    const settings = await db.query(
      `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'full_page_writes', 'wal_level', 'shared_buffers', 'max_connections', 'commit_delay', 'server_version') ORDER BY name`,
    );
    const unlogged = (await db.query(`SELECT count(*)::int AS n FROM pg_class WHERE relpersistence = 'u'`)).rows[0].n;
    results.postgres = { ...Object.fromEntries(settings.rows.map((r: { name: string; setting: string }) => [r.name, r.setting])), unloggedRelations: unlogged };
    console.log(`transmission benchmark: node ${process.version}, ${cpus().length} CPUs; PostgreSQL ${JSON.stringify(results.postgres)}`);
    await bench.prepare();
    const sample = (await db.query('SELECT envelope FROM deliveries WHERE partner_id = $1 LIMIT 1', [bench.templatePartner])).rows[0].envelope;
    const ceiling = await partnerCeiling(partner, JSON.stringify(sample), 5);
    results.partnerCeilingPerSecond = ceiling;
    console.log(`partner ceiling: ${ceiling.toFixed(0)} POSTs/s (6 KB envelopes, 64 connections, from one process: a floor of what it takes)\n`);

    if (run.has('throughput')) {
      const hubRun = await bench.drain('throughput, 1 worker', 1, envelopes, 1);
      const rows = (await db.query('SELECT envelope FROM deliveries WHERE partner_id = $1', [hubRun.ids[0]])).rows.map((r: { envelope: unknown }) => r.envelope);
      const bareWorker = await spawnScript('bench/transmit/bare-worker.ts', [BARE_QUEUE, barePrefix, partner.url, PARTNER_TOKEN, String(concurrency)]);
      children.push(bareWorker);
      const barePerSecond = await measureBare(bare, partner, rows);
      await stopChild(bareWorker);
      const ratio = hubRun.perSecond / barePerSecond;
      const verdict = hubRun.perSecond >= 2000 && ratio >= 0.5 ? 'PASS' : 'BELOW TARGET';
      console.log(`bare BullMQ worker, concurrency ${concurrency}: ${barePerSecond.toFixed(0)} envelopes/s; hub/bare ${ratio.toFixed(3)} (targets >= 2000/s and >= 0.5): ${verdict}\n`);
      results.throughput = { hubPerSecond: hubRun.perSecond, seconds: hubRun.seconds, envelopes: hubRun.delivered, barePerSecond, ratio, verdict };
    }
    if (run.has('two-workers')) {
      const r = await bench.drain('throughput, 2 workers', 1, envelopes, 2);
      results.twoWorkers = { perSecond: r.perSecond, seconds: r.seconds, envelopes: r.delivered };
      console.log('');
    }
    if (run.has('partners')) {
      const r = await bench.drain(`${option('partners', 1000)} partners`, option('partners', 1000), option('per-partner', 20), 1);
      results.partners = { partners: option('partners', 1000), perPartner: option('per-partner', 20), perSecond: r.perSecond, seconds: r.seconds, envelopes: r.delivered };
      console.log('');
    }
    if (run.has('backlog')) {
      const rss: number[] = [];
      const api: number[] = [];
      let probing = false;
      let probe: Promise<void> = Promise.resolve();
      const someCertificate = (await db.query('SELECT certificate_id FROM deliveries WHERE partner_id = $1 LIMIT 1', [bench.templatePartner])).rows[0].certificate_id;
      const r = await bench.drain(`backlog of ${option('backlog', 100_000)}`, 1, option('backlog', 100_000), 1, {
        // The API's answer times, every 100 ms, from the resumption until the backlog is drained.
        resumed: () => {
          probing = true;
          probe = (async () => {
            while (probing) {
              const t0 = performance.now();
              const res = await hub.json('GET', `/v1/certificates/${someCertificate}`, bench.issuer);
              if (res.status === 200) api.push(performance.now() - t0);
              await sleep(100);
            }
          })();
        },
        // The worker's memory at every look at the count (every half second).
        tick: async () => {
          const worker = bench.workers[0];
          if (worker) rss.push(worker.rss());
        },
      });
      probing = false;
      await probe;
      const answers = [...api].sort((a, b) => a - b);
      const mb = (b: number): number => Math.round(b / 1048576);
      const samples = rss.filter((b) => !Number.isNaN(b));
      results.backlog = {
        envelopes: r.delivered,
        perSecond: r.perSecond,
        seconds: r.seconds,
        workerRssMb: { first: mb(samples[0]), max: mb(Math.max(...samples)), last: mb(samples[samples.length - 1]), samples: samples.map(mb) },
        apiGetCertificateMs: { count: answers.length, p50: percentile(answers, 50), p99: percentile(answers, 99), max: answers[answers.length - 1] },
      };
      const b = results.backlog as { workerRssMb: { first: number; max: number; last: number }; apiGetCertificateMs: { p50: number; p99: number; max: number; count: number } };
      console.log(
        `backlog: worker RSS ${b.workerRssMb.first} MB at start, ${b.workerRssMb.max} MB at most, ${b.workerRssMb.last} MB at the end; ` +
          `API GET certificate while draining: p50 ${b.apiGetCertificateMs.p50.toFixed(1)} ms, p99 ${b.apiGetCertificateMs.p99.toFixed(1)} ms, max ${b.apiGetCertificateMs.max.toFixed(1)} ms (${b.apiGetCertificateMs.count} requests)\n`,
      );
    }
    if (run.has('chaos')) {
      const flaky = await startPartner(3);
      children.push(flaky.child);
      const count = option('chaos', 20_000);
      const id = await bench.registerPartner(flaky.url, 'KR', true);
      await bench.seed([id], count);
      const chaosEnv = { HUB_RECONCILE_EVERY_MS: '2000', HUB_QUEUE_LOCK_MS: '5000' };
      await bench.startWorkers(1, chaosEnv);
      console.log(`chaos: ${count} envelopes, every third call answered 503, Redis wiped at a third, the worker SIGKILLed at two thirds`);
      const started = Date.now();
      let wiped = 0;
      let killed = false;
      await bench.resume([id]);
      await bench.waitDelivered([id], count, async (n) => {
        // Each fault once, the first time the count passes its mark.
        if (wiped === 0 && n >= count / 3) {
          wiped = await deleteKeys(hub.prefix as string);
          console.log(`chaos: ${n} delivered, Redis wiped (${wiped} keys)`);
        }
        if (!killed && n >= (2 * count) / 3) {
          killed = true;
          await bench.workers.shift()?.kill();
          console.log(`chaos: ${n} delivered, worker SIGKILLed; starting another`);
          await bench.startWorkers(1, chaosEnv);
        }
      });
      const statuses = (await db.query('SELECT status, count(*)::int AS n FROM deliveries WHERE partner_id = $1 GROUP BY status', [id])).rows;
      const stats = await flaky.stats();
      const rate = await bench.rateOf([id]);
      await bench.stopWorkers();
      const ok = stats.stored === count && statuses.length === 1 && statuses[0].status === 'DELIVERED';
      results.chaos = { envelopes: count, seconds: (Date.now() - started) / 1000, perSecond: rate.perSecond, attempts: rate.attempts, partner: stats, statuses, verdict: ok ? 'PASS' : 'FAIL' };
      console.log(
        `chaos: ${JSON.stringify(statuses)}; partner received ${stats.received} calls, failed ${stats.failed}, stored ${stats.stored} envelopes once each, answered ${stats.repeats} repeats from its record; ` +
          `${rate.perSecond.toFixed(0)} envelopes/s through it all: ${ok ? 'PASS' : 'FAIL'}\n`,
      );
    }
    if (run.has('latency')) {
      // New certificates go to a live partner (the template partner is deactivated: it served the same country).
      await hub.json('PATCH', `/v1/partners/${bench.templatePartner}`, BENCH_ADMIN_TOKEN, { active: false });
      const live = await bench.registerPartner(partner.url, 'JP', false);
      await bench.startWorkers(1);
      const seconds = option('seconds', 20);
      // What the API sustains back to back with 16 clients, for 5 s; then 70% of it, steadily.
      let closed = 0;
      const probeEnd = Date.now() + 5000;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (Date.now() < probeEnd) if (await bench.issueOne()) closed += 1;
      }));
      const rate = Math.max(1, Math.floor((closed / 5) * 0.7));
      const ids: string[] = [];
      const start = Date.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; Date.now() - start < seconds * 1000; i++) {
        const due = start + (i * 1000) / rate;
        if (due > Date.now()) await sleep(due - Date.now());
        pending.push(bench.issueOne().then((id) => void (id && ids.push(id))));
      }
      await Promise.all(pending);
      const issuedPerSecond = ids.length / ((Date.now() - start) / 1000);
      const deadline = Date.now() + 600_000;
      while ((await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE certificate_id = ANY($1::uuid[]) AND partner_id = $2 AND status = 'DELIVERED'`, [ids, live])).rows[0].n < ids.length) {
        if (Date.now() > deadline) throw new Error('latency: deliveries not all acknowledged');
        await sleep(200);
      }
      const { rows } = await db.query(`SELECT extract(epoch FROM acknowledged_at - created_at) * 1000 AS ms FROM deliveries WHERE certificate_id = ANY($1::uuid[]) AND partner_id = $2`, [ids, live]);
      const sorted = rows.map((r: { ms: string }) => Number(r.ms)).sort((a: number, b: number) => a - b);
      await bench.stopWorkers();
      results.latency = { apiClosedLoopPerSecond: closed / 5, issuedPerSecond, certificates: ids.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), verdict: percentile(sorted, 99) < 1000 ? 'PASS' : 'BELOW TARGET' };
      console.log(
        `latency: issuing ${issuedPerSecond.toFixed(1)} certificates/s steadily (the API reached ${(closed / 5).toFixed(1)}/s back to back with 16 clients), ` +
          `issue-to-acknowledgement p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (target p99 < 1000 ms)\n`,
      );
    }
    const resultsDir = join(ROOT, 'bench/results');
    if (!existsSync(resultsDir)) mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'transmit.json'), JSON.stringify(results, null, 2));
    console.log(JSON.stringify(results, (key, value) => (key === 'samples' ? undefined : value), 2));
  } finally {
    await bench.stopWorkers().catch(() => undefined);
    await bare.obliterate({ force: true }).catch(() => undefined);
    await bare.close();
    connection.disconnect();
    await db.end().catch(() => undefined);
    await hub.stop();
    for (const child of children) await stopChild(child);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
