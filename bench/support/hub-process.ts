import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';

const ROOT = resolve(__dirname, '../..');
const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BENCH_ADMIN_TOKEN = `bench-operator-${randomBytes(12).toString('hex')}`;

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

function hubEnv(port: number): Record<string, string> {
  const hs = resolve(ROOT, '../shared/data/hs/harmonized-system.csv');
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    HUB_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    HUB_MASTER_KEY: randomBytes(32).toString('hex'),
    // The benchmark partners listen on this machine.
    HUB_PARTNER_ALLOWED_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...(existsSync(hs) ? { HUB_HS_FILE: hs } : {}),
  };
}

/** A worker process (`node dist/worker.js`) beside a HubProcess, with the same configuration. */
export class WorkerChild {
  private tail = '';
  private readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    const keep = (chunk: Buffer): void => {
      this.tail = (this.tail + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  get log(): string {
    return this.tail;
  }

  /** Resident set size in bytes, from /proc (Linux). */
  rss(): number {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status);
      return kb ? Number(kb[1]) * 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}

/**
 * The built hub (`node dist/main.js --with-worker`, or without its workers, which then run in
 * processes of their own: `startWorker`) on a database and queue prefix of its own, or in
 * trial mode on a data directory of its own.
 */
export class HubProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly cleanup: () => Promise<void>,
    /** The hub's own database (server mode), migrated once the hub is up, for benchmarks that seed rows with COPY. */
    readonly databaseUrl: string | null = null,
    /** The BullMQ prefix of a server-mode hub, for a benchmark that runs workers beside it. */
    readonly prefix: string | null = null,
    /** The environment it started with, for its worker processes. */
    private readonly env: Record<string, string | undefined> = {},
  ) {}

  static async start(extraEnv: Record<string, string> = {}, options: { withWorker?: boolean } = {}): Promise<HubProcess> {
    const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const database = `ecoo_bench_${id}`;
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const dbUrl = new URL(ADMIN_URL);
    dbUrl.pathname = `/${database}`;
    const port = await freePort();
    const prefix = `ecoo-bench-${id}`;
    // BENCH_HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the hub (NODE_OPTIONS may not carry those).
    const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const env = { ...process.env, ...hubEnv(port), DATABASE_URL: dbUrl.toString(), REDIS_URL, HUB_QUEUE_PREFIX: prefix, ...extraEnv };
    const child = spawn(process.execPath, [...nodeArgs, resolve(ROOT, 'dist/main.js'), ...(options.withWorker === false ? [] : ['--with-worker'])], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const cleanup = async (): Promise<void> => {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
      const redis = new IORedis(REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
    };
    return HubProcess.healthy(new HubProcess(`http://127.0.0.1:${port}`, child, cleanup, dbUrl.toString(), prefix, env), 60_000);
  }

  /** HUB_MODE=trial on a fresh data directory, with no PostgreSQL or Redis address in its environment. */
  static async startTrial(extraEnv: Record<string, string> = {}): Promise<HubProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), 'ecoo-bench-trial-'));
    const port = await freePort();
    const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['DATABASE_URL', 'REDIS_URL', 'HUB_QUEUE_PREFIX'].includes(name)));
    const child = spawn(process.execPath, [resolve(ROOT, 'dist/main.js')], {
      env: { ...base, ...hubEnv(port), HUB_MODE: 'trial', HUB_DATA_DIR: dataDir, ...extraEnv },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const cleanup = async (): Promise<void> => rmSync(dataDir, { recursive: true, force: true });
    // The first start creates and migrates the embedded database.
    return HubProcess.healthy(new HubProcess(`http://127.0.0.1:${port}`, child, cleanup), 240_000);
  }

  /** A worker process on this hub's database and queues (same keys and settings), plus `extraEnv`; resolves once it runs. */
  async startWorker(extraEnv: Record<string, string> = {}, timeoutMs = 60_000): Promise<WorkerChild> {
    const child = spawn(process.execPath, [resolve(ROOT, 'dist/worker.js')], { env: { ...this.env, LOG_LEVEL: 'info', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const worker = new WorkerChild(child);
    const deadline = Date.now() + timeoutMs;
    while (!worker.log.includes('e-CoO hub worker started')) {
      if (child.exitCode !== null) throw new Error(`the worker exited at start:\n${worker.log}`);
      if (Date.now() > deadline) throw new Error(`the worker did not start within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return worker;
  }

  private static async healthy(hub: HubProcess, timeoutMs: number): Promise<HubProcess> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (hub.child.exitCode !== null) throw new Error(`hub exited with ${hub.child.exitCode}`);
      const ok = await fetch(`${hub.url}/health`).then((r) => r.status === 200, () => false);
      if (ok) return hub;
      if (Date.now() > deadline) throw new Error('hub did not become healthy');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async json<T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
    await this.cleanup();
  }
}
