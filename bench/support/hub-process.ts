import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { jsonCall } from './http';

export const ROOT = resolve(__dirname, '../..');
export const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BENCH_ADMIN_TOKEN = `bench-operator-${randomBytes(12).toString('hex')}`;

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** What every benchmark hub gets: the operator token, a master key, local partners allowed, LOG_LEVEL=warn. */
export function hubEnv(): Record<string, string> {
  const hs = resolve(ROOT, '../shared/data/hs/harmonized-system.csv');
  return {
    HUB_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    HUB_MASTER_KEY: randomBytes(32).toString('hex'),
    // The benchmark partners listen on this machine.
    HUB_PARTNER_ALLOWED_HOSTS: '127.0.0.1',
    // The benchmarks name their public callers with X-Forwarded-For, as a load balancer would.
    HUB_TRUSTED_PROXIES: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...(existsSync(hs) ? { HUB_HS_FILE: hs } : {}),
  };
}

/** Spawns a TypeScript script through the benchmarks' swc hook and waits until it prints `ready`. */
export async function spawnScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'bench/register-ts.js'), join(ROOT, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'], cwd: ROOT, env });
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

/** SIGTERM, then waits for the exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** A PostgreSQL database and a BullMQ prefix of the benchmark's own, dropped (keys deleted) by drop(). */
export class BenchDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
    readonly prefix: string,
  ) {}

  static async create(label = 'bench'): Promise<BenchDatabase> {
    const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const name = `ecoo_${label.replace(/[^a-z0-9_]/g, '_')}_${id}`;
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return new BenchDatabase(name, url.toString(), `ecoo-${label.replace(/[^a-z0-9-]/g, '-')}-${id}`);
  }

  /** The environment of a hub process on this database and prefix. */
  env(): Record<string, string> {
    return { DATABASE_URL: this.url, REDIS_URL, HUB_QUEUE_PREFIX: this.prefix };
  }

  async drop(): Promise<void> {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    const redis = new IORedis(REDIS_URL);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}

/** A process of the built hub: `node dist/main.js` (API, with or without the workers) or `node dist/worker.js`. */
export class BuiltProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string | null,
  ) {}

  /** `node dist/main.js [--with-worker]`, healthy before it returns. */
  static async api(env: Record<string, string>, options: { withWorker?: boolean; timeoutMs?: number; quiet?: boolean; unset?: string[]; entry?: 'main.js' | 'hub.js'; root?: string } = {}): Promise<BuiltProcess> {
    const port = await freePort();
    // BENCH_HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the hub (NODE_OPTIONS may not carry those).
    const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // dist/hub.js is `npm start`: HUB_API_PROCESSES API processes and a worker process.
    // `root`: another built checkout of the hub (the pair scenario), else this one.
    const args = [...nodeArgs, join(options.root ?? ROOT, `dist/${options.entry ?? 'main.js'}`), ...(options.withWorker ? ['--with-worker'] : [])];
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !options.unset?.includes(name)));
    const child = spawn(process.execPath, args, {
      env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
    });
    const api = new BuiltProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
      if (await fetch(`${api.url}/health`).then((r) => r.status === 200, () => false)) return api;
      if (Date.now() > deadline) throw new Error('hub did not become healthy');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** `node dist/worker.js`, once it has said it started. */
  static async worker(env: Record<string, string>): Promise<BuiltProcess> {
    // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the worker processes, as BENCH_HUB_NODE_ARGS the API.
    const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/worker.js')], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done, fail) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('e-CoO hub worker started')) done();
      });
      child.once('exit', (code) => fail(new Error(`worker exited with ${code}`)));
    });
    child.stdout?.resume();
    return new BuiltProcess(child, null);
  }

  get exited(): boolean {
    return this.child.exitCode !== null;
  }

  /** Resident set size in bytes, from /proc (Linux); NaN elsewhere or once it exited. */
  rss(): number {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return kb ? Number(kb[1]) * 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  /** SIGKILL: gone at once, in the middle of whatever it does. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/**
 * The built hub (`node dist/main.js --with-worker`) on a database and queue prefix of its own, or in
 * trial mode on a data directory of its own.
 */
export class HubProcess {
  private constructor(
    readonly url: string,
    private readonly process: BuiltProcess,
    private readonly cleanup: () => Promise<void>,
    /** The hub's own database (server mode), migrated once the hub is up, for benchmarks that seed rows with COPY. */
    readonly databaseUrl: string | null = null,
    /** The BullMQ prefix of a server-mode hub, for a benchmark that runs workers beside it. */
    readonly prefix: string | null = null,
  ) {}

  static async start(extraEnv: Record<string, string> = {}): Promise<HubProcess> {
    const database = await BenchDatabase.create('bench');
    try {
      const api = await BuiltProcess.api({ ...hubEnv(), ...database.env(), ...extraEnv }, { withWorker: true });
      return new HubProcess(api.url as string, api, () => database.drop(), database.url, database.prefix);
    } catch (error) {
      await database.drop();
      throw error;
    }
  }

  /**
   * The hub as `npm start` runs it (`node dist/hub.js`): `apiProcesses` API processes and one worker
   * process, on a database of its own. `quiet` sends its log to nowhere (it is still written).
   */
  static async startAsUsers(apiProcesses: number, extraEnv: Record<string, string> = {}, quiet = true, root?: string): Promise<HubProcess> {
    const database = await BenchDatabase.create('bench');
    try {
      const env = { ...hubEnv(), ...database.env(), HUB_API_PROCESSES: String(apiProcesses), ...extraEnv };
      const api = await BuiltProcess.api(env, { entry: 'hub.js', quiet, timeoutMs: 120_000, root });
      return new HubProcess(api.url as string, api, () => database.drop(), database.url, database.prefix);
    } catch (error) {
      await database.drop();
      throw error;
    }
  }

  /** HUB_MODE=trial on a fresh data directory, with no PostgreSQL or Redis address in its environment. */
  static async startTrial(extraEnv: Record<string, string> = {}): Promise<HubProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), 'ecoo-bench-trial-'));
    try {
      // The first start creates and migrates the embedded database.
      const api = await BuiltProcess.api(
        { ...hubEnv(), HUB_MODE: 'trial', HUB_DATA_DIR: dataDir, ...extraEnv },
        { timeoutMs: 240_000, unset: ['DATABASE_URL', 'REDIS_URL', 'HUB_QUEUE_PREFIX'] },
      );
      return new HubProcess(api.url as string, api, async () => rmSync(dataDir, { recursive: true, force: true }));
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Jobs waiting or running on every queue, as the hub's /metrics reports them (delayed ones are the schedulers' repeatable jobs and retries). */
  async backlog(): Promise<number> {
    const text = await fetch(`${this.url}/metrics`, { headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } }).then((r) => r.text());
    const jobs = text
      .split('\n')
      .filter((line) => line.startsWith('ecoo_queue_jobs{') && /state="(waiting|active|prioritized)"/.test(line))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    return jobs + (await this.localPending());
  }

  /**
   * Deliveries to recipients served by the hub still PENDING: they are no jobs, the worker's local
   * relay claims them from PostgreSQL (a trial hub's embedded database is not reachable from here).
   */
  private async localPending(): Promise<number> {
    if (!this.databaseUrl) return 0;
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'PENDING' AND route = 'LOCAL'`);
      return rows[0].n as number;
    } finally {
      await client.end();
    }
  }

  /**
   * Audit entries not yet given their place in the chain: the worker's audit sequencer chains them
   * within HUB_AUDIT_MAX_DELAY_MS of their commit, so a window of audited work leaves some behind.
   */
  async unchainedAudit(): Promise<number> {
    if (!this.databaseUrl) return 0;
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL`);
      return rows[0].n as number;
    } finally {
      await client.end();
    }
  }

  /** Waits until no job waits or runs and every audit entry is chained: the time it took, NaN past `limitMs`. */
  async settleMs(limitMs = 120_000): Promise<number> {
    const started = performance.now();
    while ((await this.backlog()) + (await this.unchainedAudit()) > 0) {
      if (performance.now() - started > limitMs) return NaN;
      await new Promise((r) => setTimeout(r, 100));
    }
    return performance.now() - started;
  }

  /** Waits until no job waits or runs: the time it took, NaN past `limitMs`. */
  async drainMs(limitMs = 120_000): Promise<number> {
    const started = performance.now();
    while ((await this.backlog()) > 0) {
      if (performance.now() - started > limitMs) return NaN;
      await new Promise((r) => setTimeout(r, 100));
    }
    return performance.now() - started;
  }

  json<T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
    return jsonCall<T>(this.url, method, path, token, body);
  }

  async stop(): Promise<void> {
    await this.process.stop();
    await this.cleanup();
  }
}
