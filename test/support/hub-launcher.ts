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

/** The built hub as `npm start` runs it (`node dist/hub.js`): a primary, its API processes and its worker process. */
export class LaunchedHub {
  private output = '';
  readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-40_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
  }

  /** Starts it; with `waitForHealth`, until /health answers 200. */
  static async start(env: Record<string, string | undefined>, waitForHealth = true, timeoutMs = 100_000): Promise<LaunchedHub> {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(PROJECT_ROOT, 'dist/hub.js')], {
      env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const hub = new LaunchedHub(child, `http://127.0.0.1:${port}`);
    if (!waitForHealth) return hub;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the hub exited at start:\n${hub.output}`);
      if (await fetch(`${hub.baseUrl}/health`).then((r) => r.status === 200, () => false)) return hub;
      if (Date.now() > deadline) throw new Error(`the hub did not start within ${timeoutMs} ms:\n${hub.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  get log(): string {
    return this.output;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}
