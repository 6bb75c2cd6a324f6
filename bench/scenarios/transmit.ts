// Transmission (DESIGN.md section 9): envelopes delivered and acknowledged per second to a local
// partner that always accepts (the partner simulator in accept mode, in a process of its own), against
// a bare BullMQ worker doing the same HTTP POST of the same envelopes without bookkeeping
// (bench/support/bare-transmit-worker.ts, a process of its own, same Redis, same concurrency). Target:
// the hub at least 0.5x the bare rate.
//
// The hub is the built hub (`node dist/main.js --with-worker`, one process, LOG_LEVEL=warn,
// HUB_DELIVERY_CONCURRENCY=<concurrency>, the reconciler held off so it does not run mid-measure).
// Each round:
//   - a backlog: with the partner paused, <envelopes> certificates are issued, so their deliveries
//     wait in PostgreSQL with their signed envelopes;
//   - hub: the partner is resumed; rate = envelopes / (first attempt started .. last acknowledgement),
//     from the hub's own records;
//   - bare: the same envelopes (read from the hub's deliveries) are added to a paused queue, which is
//     resumed; rate = envelopes / (first job started .. last job finished), from BullMQ's records;
//     the two go in alternating order from round to round, the simulator emptied before each;
//   - latency: <clients> clients issue certificates for <seconds> s with the partner live; each
//     delivery's issue-to-acknowledgement time (created in the issue transaction .. acknowledged).
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { cambodiaToJapan } from '../../test/fixtures/certificates';
import { BENCH_ADMIN_TOKEN, HubProcess, REDIS_URL, ROOT, freePort } from '../support/hub-process';
import { Scenario, alternate } from '../support/scenario';

const TARGET_RATIO = 0.5;
const PARTNER_TOKEN = 'bench-hub-to-partner-token-0123456789';
const BARE_QUEUE = 'bare-transmit';

/** Spawns a TypeScript script through the benchmarks' swc hook and waits until it prints `ready`. */
async function spawnScript(script: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'bench/register-ts.js'), join(ROOT, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'], cwd: ROOT });
  await new Promise<void>((done, fail) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (ready.test(seen)) done();
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

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Setup {
  hub: HubProcess;
  db: Client;
  simulatorUrl: string;
  issuer: string;
  partnerId: string;
  bare: Queue;
}

async function issueOne(setup: Setup): Promise<string | undefined> {
  const created = await setup.hub.json<{ id: string }>('POST', '/v1/certificates', setup.issuer, cambodiaToJapan());
  if (created.status !== 201) return undefined;
  const issued = await setup.hub.json('POST', `/v1/certificates/${created.body.id}/issue`, setup.issuer);
  return issued.status === 200 ? created.body.id : undefined;
}

/** Issues `count` certificates with `clients` concurrent clients; returns their ids. */
async function issueMany(setup: Setup, count: number, clients: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        next += 1;
        const id = await issueOne(setup);
        if (!id) throw new Error('a certificate could not be issued: see the hub log above');
        ids.push(id);
      }
    }),
  );
  return ids;
}

const delivered = async (setup: Setup, ids: string[]): Promise<number> =>
  (await setup.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE certificate_id = ANY($1::uuid[]) AND status = 'DELIVERED'`, [ids])).rows[0].n;

async function resetSimulator(setup: Setup): Promise<void> {
  const res = await fetch(`${setup.simulatorUrl}/_control/reset`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`simulator reset: ${res.status}`);
  await fetch(`${setup.simulatorUrl}/_control/default`, { method: 'PUT', body: JSON.stringify({ kind: 'accept' }) });
}

async function setPaused(setup: Setup, paused: boolean): Promise<void> {
  const res = await setup.hub.json('PATCH', `/v1/partners/${setup.partnerId}`, BENCH_ADMIN_TOKEN, { paused });
  if (res.status !== 200) throw new Error(`pause ${paused}: ${res.status}`);
}

/** The hub delivers a backlog of waiting deliveries; envelopes per second over its processing window. */
async function measureHub(setup: Setup, ids: string[]): Promise<number> {
  await resetSimulator(setup);
  await setPaused(setup, false);
  await until('the hub to deliver the backlog', async () => (await delivered(setup, ids)) === ids.length);
  const { rows } = await setup.db.query(
    `SELECT extract(epoch FROM max(d.acknowledged_at) - min(a.started_at)) AS seconds
       FROM deliveries d JOIN delivery_attempts a ON a.delivery_id = d.id WHERE d.certificate_id = ANY($1::uuid[])`,
    [ids],
  );
  return ids.length / Number(rows[0].seconds);
}

/** The bare worker POSTs the same envelopes; envelopes per second over its processing window. */
async function measureBare(setup: Setup, envelopes: unknown[]): Promise<number> {
  await resetSimulator(setup);
  await setup.bare.obliterate({ force: true });
  await setup.bare.pause();
  for (let i = 0; i < envelopes.length; i += 500) {
    await setup.bare.addBulk(envelopes.slice(i, i + 500).map((envelope) => ({ name: 'post', data: { envelope }, opts: { removeOnComplete: false, removeOnFail: false } })));
  }
  await setup.bare.resume();
  await until('the bare worker to post every envelope', async () => {
    const counts = await setup.bare.getJobCounts('completed', 'failed');
    if (counts.failed > 0) throw new Error(`the bare worker failed ${counts.failed} job(s)`);
    return counts.completed === envelopes.length;
  });
  const jobs = await setup.bare.getJobs(['completed'], 0, envelopes.length);
  const started = Math.min(...jobs.map((j) => j.processedOn ?? Infinity));
  const finished = Math.max(...jobs.map((j) => j.finishedOn ?? 0));
  return envelopes.length / ((finished - started) / 1000);
}

/** Issue-to-acknowledgement times (ms) of the deliveries of certificates issued for `seconds` by `clients` clients. */
async function measureLatency(setup: Setup, clients: number, seconds: number): Promise<{ issued: number; p50: number; p99: number }> {
  await resetSimulator(setup);
  const ids: string[] = [];
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const id = await issueOne(setup);
        if (id) ids.push(id);
      }
    }),
  );
  await until('the deliveries of the latency phase', async () => (await delivered(setup, ids)) === ids.length);
  const { rows } = await setup.db.query(
    `SELECT extract(epoch FROM acknowledged_at - created_at) * 1000 AS ms FROM deliveries WHERE certificate_id = ANY($1::uuid[])`,
    [ids],
  );
  const sorted = rows.map((r: { ms: string }) => Number(r.ms)).sort((a: number, b: number) => a - b);
  return { issued: ids.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function prepare(hub: HubProcess, simulatorUrl: string): Promise<{ issuer: string; partnerId: string }> {
  await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] });
  const keys = await hub.json('POST', '/v1/pki/dev-keys', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'], node: true });
  if (keys.status !== 200) throw new Error(`development keys: ${keys.status}`);
  const key = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, { authority: 'KH-MOC' });
  if (key.status !== 201) throw new Error(`API key: ${key.status}`);
  const identity = await hub.json<{ certificate: string }>('GET', '/v1/exchange/node-certificate', BENCH_ADMIN_TOKEN);
  const partner = await hub.json<{ id: string }>('POST', '/v1/partners', BENCH_ADMIN_TOKEN, {
    code: 'JP-BENCH',
    name: 'Japan partner (simulator)',
    endpointUrl: simulatorUrl,
    routes: [{ country: 'JP', authority: 'JP-CUSTOMS' }],
    messageTypes: ['CO_ISSUED'],
    outboundAuth: { type: 'BEARER', token: PARTNER_TOKEN },
    // Any certificate will do: the simulator does not check node signatures here.
    nodeCertificate: identity.body.certificate,
  });
  if (partner.status !== 201) throw new Error(`partner: ${partner.status} ${JSON.stringify(partner.body)}`);
  return { issuer: key.body.key, partnerId: partner.body.id };
}

const scenario: Scenario = {
  description: 'envelopes delivered and acknowledged per second to a local partner vs a bare BullMQ worker; issue-to-acknowledgement p50/p99',
  options: { envelopes: 1000, concurrency: 8, clients: 10, seconds: 10 },
  async start(context) {
    const count = context.option('envelopes');
    const concurrency = context.option('concurrency');
    const clients = context.option('clients');
    const seconds = context.option('seconds');

    const simulatorPort = await freePort();
    const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
    const simulator = await spawnScript('scripts/partner-simulator.ts', ['--port', String(simulatorPort), '--token', PARTNER_TOKEN, '--default', 'accept'], /partner simulator on/);
    let hub: HubProcess | undefined;
    let db: Client | undefined;
    let connection: IORedis | undefined;
    let bare: Queue | undefined;
    let bareWorker: ChildProcess | undefined;
    const stop = async (): Promise<void> => {
      if (bareWorker) await stopChild(bareWorker);
      await bare?.obliterate({ force: true }).catch(() => undefined);
      await bare?.close();
      connection?.disconnect();
      await db?.end().catch(() => undefined);
      await hub?.stop();
      await stopChild(simulator);
    };
    try {
      hub = await HubProcess.start({ HUB_DELIVERY_CONCURRENCY: String(concurrency), HUB_RECONCILE_EVERY_MS: String(24 * 3_600_000) });
      db = new Client({ connectionString: hub.databaseUrl as string });
      connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
      const barePrefix = `${hub.prefix}-bare`;
      bare = new Queue(BARE_QUEUE, { connection, prefix: barePrefix });
      await db.connect();
      const { issuer, partnerId } = await prepare(hub, simulatorUrl);
      bareWorker = await spawnScript('bench/support/bare-transmit-worker.ts', [BARE_QUEUE, barePrefix, simulatorUrl, PARTNER_TOKEN, String(concurrency)], /ready/);
      const setup: Setup = { hub, db, simulatorUrl, issuer, partnerId, bare };
      const envelopesOf = async (ids: string[]): Promise<unknown[]> => (await setup.db.query('SELECT envelope FROM deliveries WHERE certificate_id = ANY($1::uuid[])', [ids])).rows.map((r) => r.envelope);
      // A warm-up: both paths once, unmeasured.
      await setPaused(setup, true);
      const warm = await issueMany(setup, 100, clients);
      await measureHub(setup, warm);
      await measureBare(setup, await envelopesOf(warm));
      return {
        async round(round) {
          await setPaused(setup, true);
          const ids = await issueMany(setup, count, clients);
          const envelopes = await envelopesOf(ids);
          let hubRate = 0;
          let bareRate = 0;
          for (const which of alternate(round, ['hub', 'bare'])) {
            if (which === 'hub') hubRate = await measureHub(setup, ids);
            else bareRate = await measureBare(setup, envelopes);
          }
          const latency = await measureLatency(setup, clients, seconds);
          return [
            {
              figure: `envelopes delivered, backlog of ${count}, concurrency ${concurrency}`,
              unit: '/s',
              hub: hubRate,
              reference: { label: 'bare BullMQ worker', value: bareRate },
              target: { on: 'ratio', atLeast: TARGET_RATIO },
            },
            { figure: `issue-to-acknowledgement p50, ${clients} clients issuing`, unit: 'ms', hub: latency.p50, detail: { issuedPerSecond: latency.issued } },
            { figure: `issue-to-acknowledgement p99, ${clients} clients issuing`, unit: 'ms', hub: latency.p99, detail: { issuedPerSecond: latency.issued } },
          ];
        },
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },
};

export default scenario;
