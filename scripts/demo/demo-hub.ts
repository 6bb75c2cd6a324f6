import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// Answers are read as loosely as a script reads them: the demo prints what the hubs say.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface HttpAnswer {
  status: number;
  body: Json;
}

/** One hub of the demo: its own process, port, data folder, operator token and master key. */
export class DemoHub {
  readonly adminToken = `demo-operator-${randomBytes(16).toString('hex')}`;
  readonly baseUrl: string;
  private child?: ChildProcess;
  private exited?: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly dataDir: string,
    private readonly extraEnv: Record<string, string>,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  get logFile(): string {
    return join(this.dataDir, 'hub.log');
  }

  /** Starts `node dist/main.js --with-worker` in trial mode and waits until /health answers. */
  async start(mainJs: string): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.child = spawn(process.execPath, [mainJs, '--with-worker'], {
      env: {
        ...process.env,
        HUB_MODE: 'trial',
        HUB_DATA_DIR: join(this.dataDir, 'db'),
        PORT: String(this.port),
        HUB_PUBLIC_URL: `http://localhost:${this.port}`,
        HUB_ADMIN_TOKEN: this.adminToken,
        HUB_MASTER_KEY: randomBytes(32).toString('hex'),
        // Both hubs run on this machine and call each other over plain http on 127.0.0.1, which the
        // outbound policy refuses unless the operator allows it (README, "Outbound connections").
        HUB_PARTNER_ALLOWED_HOSTS: '127.0.0.1',
        HUB_ALLOW_HTTP_PARTNERS: 'true',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    this.exited = new Promise((resolve) => this.child?.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the ${this.name} hub stopped at start (exit ${this.child.exitCode}); see ${this.logFile}`);
      try {
        const res = await fetch(`${this.baseUrl}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the ${this.name} hub did not become healthy in 300 s; see ${this.logFile}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** SIGTERM, then waits for the hub to finish its work in hand and exit. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000).unref());
    if ((await Promise.race([this.exited, timeout])) === 'timeout') this.child.kill('SIGKILL');
  }

  async call(method: string, path: string, token: string, body?: unknown): Promise<HttpAnswer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  }

  /** An operator call that must succeed (or find the thing already there). */
  async operator(method: string, path: string, body?: unknown, accept: number[] = [200, 201]): Promise<Json> {
    const res = await this.call(method, path, this.adminToken, body);
    if (!accept.includes(res.status)) throw new Error(`${this.name}: ${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
}
