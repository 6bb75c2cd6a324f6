// Audit benchmark (issue: the audit log must not serialise the hub), run by hand, never in CI:
//   bash bench/audit/run.sh [--rounds 3] [--clients 32] [--seconds 10]
//
// Concurrent writing transactions per second through the API: <clients> closed-loop clients POST
// /v1/traders (one transaction: the trader row and its audit entry) for <seconds> s, spread over 1 or
// 2 API processes (`node dist/main.js`, LOG_LEVEL=warn), with
//   - "trigger": the previous release's chaining (the AuditSequencer migration reverted: its down puts
//     back the BEFORE INSERT trigger that holds one advisory lock from the append to the commit), no
//     worker running;
//   - "sequencer": this release (appends take no lock), one worker process (`node dist/worker.js`)
//     running the sequencer with the default HUB_AUDIT_MAX_DELAY_MS.
// The API processes keep running across both: they append with the same INSERT either way. With the
// sequencer, the chaining delay of every entry appended in the run: from appended_at (the database
// clock at insert) to the time signed in the first checkpoint that covers it, p50 and p99.
// Each round runs the four cases, the order alternating from round to round, after 2 s of warm-up
// each; the load average and PostgreSQL's durability settings are printed with each round. Reported:
// per round and as medians; sequencer/trigger ratio per process count. The chain is verified at the
// end. Results go to bench/results/audit.json.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { AuditService } from '../../src/audit/audit.service';
import { Clock } from '../../src/core/clock/clock';
import { createDataSource } from '../../src/core/database/data-source';
import { AuditSequencer1796470000000 } from '../../src/core/database/migrations/1796470000000-AuditSequencer';
import { argument, median, runLoad } from '../support/load';

const ROOT = resolve(__dirname, '../..');
const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = `bench-operator-${randomBytes(12).toString('hex')}`;
const DURABILITY = ['fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'commit_delay', 'commit_siblings', 'wal_level'];

type Mode = 'trigger' | 'sequencer';

interface RunResult {
  round: number;
  mode: Mode;
  processes: number;
  perSecond: number;
  requestP50Ms: number;
  requestP99Ms: number;
  errors: number;
  delayP50Ms?: number;
  delayP99Ms?: number;
  delayMaxMs?: number;
  loadAverage: number[];
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

class Process {
  private constructor(
    private readonly child: ChildProcess,
    readonly url?: string,
  ) {}

  static async api(env: Record<string, string>): Promise<Process> {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'dist/main.js')], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'inherit', 'inherit'] });
    const api = new Process(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`${api.url}/health`).then((r) => r.status === 200, () => false))) {
      if (child.exitCode !== null) throw new Error(`API process exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('API process did not become healthy');
      await new Promise((r) => setTimeout(r, 200));
    }
    return api;
  }

  static async worker(env: Record<string, string>): Promise<Process> {
    const child = spawn(process.execPath, [join(ROOT, 'dist/worker.js')], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done, fail) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('e-CoO hub worker started')) done();
      });
      child.once('exit', (code) => fail(new Error(`worker exited with ${code}`)));
    });
    child.stdout?.resume();
    return new Process(child);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

async function sequencerMigrationApplied(db: Client): Promise<boolean> {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM schema_migrations WHERE name = $1', [AuditSequencer1796470000000.name]);
  return rows[0].n > 0;
}

// The previous release's trigger: the AuditSequencer migration (and any after it) reverted.
async function useMode(mode: Mode, databaseUrl: string, db: Client): Promise<void> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    if (mode === 'trigger') while (await sequencerMigrationApplied(db)) await dataSource.undoLastMigration({ transaction: 'each' });
    else await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

async function waitForChain(db: Client): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM audit_log WHERE seq IS NULL) AS waiting,
              (SELECT max(seq)::text FROM audit_log) AS head, (SELECT max(seq)::text FROM audit_checkpoints) AS covered`,
    );
    if (rows[0].waiting === 0 && rows[0].head === rows[0].covered) return;
    if (Date.now() > deadline) throw new Error(`the sequencer did not catch up: ${JSON.stringify(rows[0])}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function chainingDelay(db: Client, afterArrival: string): Promise<{ p50: number; p99: number; max: number }> {
  const { rows } = await db.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY d) AS p99, max(d) AS max
       FROM (SELECT extract(epoch FROM (SELECT c.signed_at FROM audit_checkpoints c WHERE c.seq >= l.seq ORDER BY c.seq LIMIT 1) - l.appended_at) * 1000 AS d
               FROM audit_log l WHERE l.arrival_no > $1) delays`,
    [afterArrival],
  );
  return { p50: Number(rows[0].p50), p99: Number(rows[0].p99), max: Number(rows[0].max) };
}

async function main(): Promise<void> {
  const rounds = argument('--rounds', 3);
  const clients = argument('--clients', 32);
  const seconds = argument('--seconds', 10);
  if (!existsSync(join(ROOT, 'dist/main.js'))) throw new Error('build first: npx nest build');

  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const database = `ecoo_bench_audit_${id}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const prefix = `ecoo-bench-audit-${id}`;
  const env = { DATABASE_URL: databaseUrl, REDIS_URL, HUB_QUEUE_PREFIX: prefix, HUB_ADMIN_TOKEN: TOKEN, HUB_MASTER_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' };
  const durability = (await admin.query(`SELECT name, setting FROM pg_settings WHERE name = ANY($1) ORDER BY name`, [DURABILITY])).rows.map((r) => `${r.name}=${r.setting}`).join(' ');

  const apis: Process[] = [];
  let worker: Process | undefined;
  const db = new Client({ connectionString: databaseUrl });
  let counter = 0;
  const results: RunResult[] = [];
  try {
    apis.push(await Process.api(env), await Process.api(env));
    await db.connect();
    console.log(`audit bench: ${clients} clients, ${seconds} s per run, ${rounds} rounds, ${cpus().length} cores; POST /v1/traders (one trader and its audit entry per transaction)`);

    const measure = async (round: number, mode: Mode, processes: number): Promise<RunResult> => {
      await useMode(mode, databaseUrl, db);
      if (mode === 'sequencer') worker = await Process.worker(env);
      const write = (client: number): Promise<boolean> =>
        fetch(`${apis[client % processes].url}/v1/traders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id: `KH-TIN-B${(counter += 1)}`, name: 'Bench trader', country: 'KH' }),
        }).then((r) => r.status === 201);
      await runLoad('warm-up', clients, 2, write);
      if (mode === 'sequencer') await waitForChain(db);
      const [{ arrival }] = mode === 'sequencer' ? (await db.query(`SELECT coalesce(max(arrival_no), 0)::text AS arrival FROM audit_log`)).rows : [{ arrival: '0' }];
      const loadAverage = loadavg();
      const load = await runLoad(`${mode} ${processes}p`, clients, seconds, write);
      const result: RunResult = { round, mode, processes, perSecond: load.perSecond, requestP50Ms: load.p50Ms, requestP99Ms: load.p99Ms, errors: load.errors, loadAverage };
      if (mode === 'sequencer') {
        await waitForChain(db);
        const delay = await chainingDelay(db, arrival);
        Object.assign(result, { delayP50Ms: delay.p50, delayP99Ms: delay.p99, delayMaxMs: delay.max });
        await worker!.stop();
        worker = undefined;
      }
      console.log(
        `  ${`${mode}, ${processes} API process${processes > 1 ? 'es' : ''}`.padEnd(32)} ${result.perSecond.toFixed(1).padStart(8)} tx/s  request p50 ${result.requestP50Ms.toFixed(1)} ms p99 ${result.requestP99Ms.toFixed(1)} ms` +
          (result.errors ? `  ${result.errors} errors` : '') +
          (result.delayP50Ms !== undefined ? `  chaining delay p50 ${result.delayP50Ms.toFixed(0)} ms p99 ${result.delayP99Ms!.toFixed(0)} ms max ${result.delayMaxMs!.toFixed(0)} ms` : '') +
          `  (load average before ${loadAverage.map((l) => l.toFixed(2)).join(' ')})`,
      );
      return result;
    };

    for (let round = 1; round <= rounds; round++) {
      const modes: Mode[] = round % 2 === 1 ? ['sequencer', 'trigger'] : ['trigger', 'sequencer'];
      console.log(`round ${round}: load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; PostgreSQL ${durability}`);
      for (const processes of [1, 2]) for (const mode of modes) results.push(await measure(round, mode, processes));
    }

    await useMode('sequencer', databaseUrl, db);
    worker = await Process.worker(env);
    await waitForChain(db);
    const dataSource = createDataSource(databaseUrl);
    await dataSource.initialize();
    const verification = await new AuditService(dataSource, new Clock()).verify();
    await dataSource.destroy();
    if (!verification.ok) throw new Error(`the chain is broken after the bench: ${JSON.stringify(verification)}`);

    console.log(`\nmedians over ${rounds} rounds (chain intact afterwards: ${verification.checked} entries):`);
    const summary: Record<string, unknown>[] = [];
    for (const processes of [1, 2]) {
      const of = (mode: Mode) => results.filter((r) => r.mode === mode && r.processes === processes);
      const trigger = median(of('trigger').map((r) => r.perSecond));
      const sequencer = median(of('sequencer').map((r) => r.perSecond));
      const ratios = of('sequencer').map((r) => r.perSecond / of('trigger').find((t) => t.round === r.round)!.perSecond);
      const delayP50 = median(of('sequencer').map((r) => r.delayP50Ms!));
      const delayP99 = median(of('sequencer').map((r) => r.delayP99Ms!));
      summary.push({ processes, triggerPerSecond: trigger, sequencerPerSecond: sequencer, ratio: median(ratios), delayP50Ms: delayP50, delayP99Ms: delayP99 });
      console.log(
        `  ${processes} API process${processes > 1 ? 'es' : ''}: trigger ${trigger.toFixed(1)} tx/s, sequencer ${sequencer.toFixed(1)} tx/s (x${median(ratios).toFixed(2)}); ` +
          `chaining delay p50 ${delayP50.toFixed(0)} ms, p99 ${delayP99.toFixed(0)} ms`,
      );
    }
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/audit.json'), JSON.stringify({ clients, seconds, rounds, durability, runs: results, summary }, null, 2));
  } finally {
    await worker?.stop();
    await Promise.all(apis.map((a) => a.stop()));
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const redis = new IORedis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
