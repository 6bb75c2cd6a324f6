import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './run-cli';
import { machineTmpdir } from './run-tmpdir';
import { TEST_ADMIN_TOKEN } from './test-env';

interface PreviousRelease {
  commit: string;
}

function previousRelease(): PreviousRelease {
  return JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'test/compat/previous-release.json'), 'utf8')) as PreviousRelease;
}

function homeOf(commit: string): string {
  return join(machineTmpdir(), `ecoo-previous-release-${commit.slice(0, 12)}`);
}

/**
 * The previous release's build, made once per machine from this repository's own history (git
 * archive of the recorded commit, its runtime dependencies as locked then, compiled by this checkout's
 * scripts/compile.js under the release's own .swcrc, as its specs ran it), under the temporary
 * directory, keyed by commit. The dependencies are taken from this checkout when the lock file is the
 * same (linked), else installed with `npm ci`. While it builds, `<home>.building` holds its pid, so
 * that other processes wait for it rather than build it again (previousReleaseBuilt()).
 */
export function buildPreviousRelease(): string {
  const { commit } = previousRelease();
  const home = homeOf(commit);
  if (existsSync(join(home, 'dist/main.js'))) return home;
  const marker = `${home}.building`;
  writeFileSync(marker, String(process.pid));
  const staging = `${home}.${process.pid}`;
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const archive = execFileSync('git', ['-C', PROJECT_ROOT, 'archive', '--format=tar', commit], { maxBuffer: 512 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', staging], { input: archive });
    const sameLock = readFileSync(join(staging, 'package-lock.json'), 'utf8') === readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8');
    if (sameLock) symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(staging, 'node_modules'), 'dir');
    // As the release is deployed (docker/Dockerfile prunes the rest): its runtime dependencies only;
    // the compiler is this checkout's.
    else execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: staging, stdio: 'pipe' });
    execFileSync(process.execPath, [resolve(PROJECT_ROOT, 'scripts/compile.js'), staging], { cwd: staging, stdio: 'pipe' });
    // Another test run may have finished the same build meanwhile: either copy is the same build.
    if (!existsSync(join(home, 'dist/main.js'))) {
      rmSync(home, { recursive: true, force: true });
      renameSync(staging, home);
    } else {
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    try {
      if (readFileSync(marker, 'utf8') === String(process.pid)) rmSync(marker, { force: true });
    } catch {
      // Gone already.
    }
  }
  return home;
}

/** Whether another live process is building the previous release now (its pid in `<home>.building`). */
function buildingElsewhere(home: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(`${home}.building`, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The previous release's build directory: waits while another process builds it (`.ci/run` starts
 * the build early, beside the lint and the type check; two spec files may need it at once), then
 * builds it if it is still missing.
 */
export async function previousReleaseBuilt(timeoutMs = 600_000): Promise<string> {
  const home = homeOf(previousRelease().commit);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(join(home, 'dist/main.js')) && buildingElsewhere(home) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  return buildPreviousRelease();
}

// `node -r ./bench/register-ts.js test/support/previous-release.ts` builds it (.ci/run, in the background).
if (require.main === module) {
  process.stdout.write(`previous release built in ${buildPreviousRelease()}\n`);
}

/** The previous release's hub (API and workers in one process, as `npm start` runs it), for exchange tests with this one. */
export class PreviousReleaseHub {
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

  /** Starts it on `port` with the test environment and `env`, and waits for /health. */
  static async start(env: Record<string, string>, port: number, timeoutMs = 120_000): Promise<PreviousReleaseHub> {
    const home = await previousReleaseBuilt();
    const child = spawn(process.execPath, [join(home, 'dist/main.js'), '--with-worker'], {
      cwd: home,
      env: { ...process.env, LOG_LEVEL: 'info', PORT: String(port), HUB_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const hub = new PreviousReleaseHub(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the previous release exited at start:\n${hub.output}`);
      const healthy = await fetch(`${hub.baseUrl}/health`).then((r) => r.ok, () => false);
      if (healthy) return hub;
      if (Date.now() > deadline) throw new Error(`the previous release did not start within ${timeoutMs} ms:\n${hub.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  get log(): string {
    return this.output;
  }

  async request<T = any>(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: T; text: string }> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    return { status: response.status, body: (text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T, text };
  }

  operator<T = any>(method: string, path: string, body?: unknown) {
    return this.request<T>(method, path, { token: TEST_ADMIN_TOKEN, body });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
