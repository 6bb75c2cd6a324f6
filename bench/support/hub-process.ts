import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
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

/** The built hub (`node dist/main.js --with-worker`) on a database and queue prefix of its own. */
export class HubProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly database: string,
    readonly prefix: string,
  ) {}

  /** The hub's own database, for a benchmark that reads what the hub recorded. */
  get databaseUrl(): string {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${this.database}`;
    return url.toString();
  }

  static async start(extraEnv: Record<string, string> = {}): Promise<HubProcess> {
    const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const database = `ecoo_bench_${id}`;
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const dbUrl = new URL(ADMIN_URL);
    dbUrl.pathname = `/${database}`;
    const port = await freePort();
    const hs = resolve(ROOT, '../shared/data/hs/harmonized-system.csv');
    const prefix = `ecoo-bench-${id}`;
    // BENCH_HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the hub (NODE_OPTIONS may not carry those).
    const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, resolve(ROOT, 'dist/main.js'), '--with-worker'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL,
        HUB_QUEUE_PREFIX: prefix,
        HUB_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
        HUB_MASTER_KEY: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
        ...(existsSync(hs) ? { HUB_HS_FILE: hs } : {}),
        ...extraEnv,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const hub = new HubProcess(`http://127.0.0.1:${port}`, child, database, prefix);
    const deadline = Date.now() + 60000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
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
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
    await admin.end();
    const redis = new IORedis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}
