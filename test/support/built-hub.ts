import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from './run-cli';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** The built hub (`node dist/main.js`, as production runs it) in a child process, its output kept. */
export class BuiltHub {
  output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
  }

  /** Starts it with the test environment and `env` on top, and waits until /health answers. */
  static async start(env: Record<string, string | undefined>, args: string[] = []): Promise<BuiltHub> {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(PROJECT_ROOT, 'dist/main.js'), ...args], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const hub = new BuiltHub(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}: ${hub.output.slice(-2000)}`);
      try {
        if ((await fetch(`${hub.url}/health`)).status === 200) return hub;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the hub did not become healthy: ${hub.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Runs it with `env` on top of the test environment until it exits by itself (a refused start). */
  static exit(env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [resolve(PROJECT_ROOT, 'dist/main.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    return new Promise((done) =>
      child.once('exit', (code) => {
        clearTimeout(killer);
        done({ code, stdout, stderr });
      }),
    );
  }

  /** The JSON log lines written so far. */
  logLines(): Record<string, unknown>[] {
    return this.output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((r) => this.child.once('exit', (code) => r(code)));
    this.child.kill('SIGTERM');
    return exited;
  }
}
