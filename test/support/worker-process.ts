import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from './run-cli';

/**
 * The built worker (`node dist/worker.js`, built by `npm test`'s pretest) as a process of its own,
 * with the test environment and what a spec adds. Its output is kept to explain a failure.
 */
export class WorkerProcess {
  private output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  }

  /** Starts the worker and waits until it says its queue workers run. */
  static async start(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [resolve(PROJECT_ROOT, 'dist/worker.js')], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const worker = new WorkerProcess(child);
    const deadline = Date.now() + timeoutMs;
    while (!worker.output.includes('e-CoO hub worker started')) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the worker exited at start:\n${worker.output}`);
      if (Date.now() > deadline) throw new Error(`the worker did not start within ${timeoutMs} ms:\n${worker.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return worker;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Kills it at once, in the middle of whatever it does (no shutdown hook runs). */
  async kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Asks it to finish its jobs and exit, as an orchestrator would. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
