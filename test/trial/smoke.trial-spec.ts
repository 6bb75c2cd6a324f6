import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../support/run-cli';
import { TEST_ADMIN_TOKEN } from '../support/test-env';
import { TRIAL_RUN_DIR } from '../support/trial-data';

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

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

// The first command of a trial: the built hub with HUB_MODE=trial on an empty directory, and no
// PostgreSQL or Redis address anywhere in its environment.
function start(dataDir: string, port: number, script = 'dist/main.js', env: Record<string, string> = {}): Started {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['DATABASE_URL', 'REDIS_URL', 'HUB_QUEUE_PREFIX'].includes(name)));
  const child = spawn(process.execPath, [resolve(PROJECT_ROOT, script)], {
    env: { ...base, HUB_MODE: 'trial', HUB_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

async function healthy(hub: Started, timeoutMs = 90_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hub.child.exitCode !== null) throw new Error(`the hub exited with ${hub.child.exitCode}:\n${hub.output()}`);
    const body = await fetch(`${hub.url}/health`).then((r) => (r.status === 200 ? r.json() : undefined), () => undefined);
    if (body) return body;
    if (Date.now() > deadline) throw new Error(`the hub did not become healthy:\n${hub.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop(hub: Started): Promise<number | null> {
  hub.child.kill('SIGTERM');
  return hub.exited;
}

describe('smoke: the built hub in trial mode (HUB_MODE=trial node dist/main.js)', () => {
  const dataDir = mkdtempSync(join(process.env[TRIAL_RUN_DIR]!, 'smoke-'));

  it('creates its database in an empty directory, says it is a trial, serves, and stops cleanly', async () => {
    const first = start(dataDir, await freePort());
    try {
      expect(await healthy(first)).toEqual({ status: 'ok', mode: 'trial', checks: { database: 'up', queues: 'up' } });
      expect(first.output()).toContain(`Mode: TRIAL (HUB_MODE=trial): embedded PostgreSQL in ${dataDir}`);
      expect(first.output()).toContain('for one machine and light load');
      const registered = await fetch(`${first.url}/v1/authorities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] }),
      });
      expect(registered.status).toBe(201);
      expect(await fetch(`${first.url}/metrics`).then((r) => r.text())).toContain('ecoo_hub_mode{mode="trial"} 1');
    } finally {
      expect(await stop(first)).toBe(0);
    }
    expect(first.output()).not.toContain('"level":50');
    expect(existsSync(join(dataDir, 'hub.pid'))).toBe(false);
  });

  // One restarted hub serves both: a trial hub's start costs seconds of CPU (the embedded database).
  describe('restarted on the same directory', () => {
    let again: Started;

    beforeAll(async () => {
      again = start(dataDir, await freePort());
      await healthy(again);
    });

    afterAll(async () => {
      expect(await stop(again)).toBe(0);
      expect(existsSync(join(dataDir, 'hub.pid'))).toBe(false);
    });

    it('keeps its data', async () => {
      const authorities = (await fetch(`${again.url}/v1/authorities`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }).then((r) => r.json())) as { code: string }[];
      expect(authorities.map((a) => a.code)).toEqual(['KH-MOC']);
    });

    it('refuses a second hub on the same directory, naming the process that holds it', async () => {
      const second = start(dataDir, await freePort());
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`The trial data directory ${dataDir} is in use by process ${again.child.pid}`);
      expect((await fetch(`${again.url}/health`)).status).toBe(200);
    });
  });

  it('refuses an unknown HUB_MODE, a trial under NODE_ENV=production, and a separate worker process', async () => {
    const typo = start(dataDir, await freePort(), 'dist/main.js', { HUB_MODE: 'trail' });
    expect(await typo.exited).toBe(1);
    expect(typo.output()).toContain('HUB_MODE: invalid (HUB_MODE must be "server" or "trial", not "trail")');
    expect(typo.output()).toContain('DATABASE_URL: missing');

    const production = start(dataDir, await freePort(), 'dist/main.js', { NODE_ENV: 'production' });
    expect(await production.exited).toBe(1);
    expect(production.output()).toContain('refused when NODE_ENV=production');

    const worker = start(dataDir, await freePort(), 'dist/worker.js');
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain('runs its queue workers inside the API process');
    expect(existsSync(join(dataDir, 'hub.pid'))).toBe(false);
  });
});
