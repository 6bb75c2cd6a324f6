import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../support/run-cli';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the hub did not become healthy');
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The specs run the sources through swc; dist/ is swc's output under the same .swcrc
// (scripts/compile.js). This boots the built hub as `npm start` does.
describe('smoke: the built hub (node dist/main.js --with-worker)', () => {
  it('starts, answers /health and the OpenAPI document, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(PROJECT_ROOT, 'dist/main.js'), '--with-worker'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}`, child);
      expect(await health.json()).toEqual({ status: 'ok', mode: 'server', checks: { database: 'up', redis: 'up' } });
      const docs = await fetch(`http://127.0.0.1:${port}/docs-json`);
      const openApi = (await docs.json()) as { paths: Record<string, unknown> };
      expect(openApi.paths['/v1/certificates']).toBeDefined();
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(output).not.toContain('"level":50');
  });

  it('refuses to start with a bad configuration, naming the variable', async () => {
    const child = spawn(process.execPath, [resolve(PROJECT_ROOT, 'dist/main.js')], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope', HUB_ADMIN_TOKEN: 'short' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).toContain('HUB_ADMIN_TOKEN');
  });
});
