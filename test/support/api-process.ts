import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from './run-cli';

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

/**
 * The built API (`node dist/main.js`, without workers) as a process of its own, on the test
 * environment and what a spec adds: a second API process beside the spec's in-process hub.
 */
export class ApiProcess {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  /** Starts it and waits until /health answers 200. */
  static async start(env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ApiProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(PROJECT_ROOT, 'dist/main.js')], {
      env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the API process exited at start:\n${api.output}`);
      if (await fetch(`${api.baseUrl}/health`).then((r) => r.status === 200, () => false)) return api;
      if (Date.now() > deadline) throw new Error(`the API process did not start within ${timeoutMs} ms:\n${api.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  get log(): string {
    return this.output;
  }

  request(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => undefined) }));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
