import 'reflect-metadata';
import cluster, { Worker } from 'node:cluster';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnvironment } from './core/config/env.validation';
import { databaseSettings, devKeysAllowed, hubMode } from './core/config/hub.config';
import { HubMode } from './core/config/hub-mode';
import { apiProcessCount, PROCESS_COUNT_VARIABLE } from './core/config/processes';
import { METRICS_REQUEST, METRICS_RESPONSE } from './core/metrics/cluster-metrics';

// `npm start`: the whole hub on one machine, using every core (issue 14). The API runs in
// HUB_API_PROCESSES processes (default: one per core) sharing one port through node:cluster, beside
// one process of queue workers and schedulers. `node dist/main.js` stays one process, and trial
// mode runs one process (its embedded database opens in one process only).
const ROLE = 'HUB_PROCESS_ROLE';

function say(message: string): void {
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, context: 'Hub', msg: message })}\n`);
}

async function primary(): Promise<void> {
  const env = validateEnvironment(process.env);
  if (hubMode(env) === HubMode.TRIAL) {
    if (apiProcessCount(env, 1) > 1) throw new Error('HUB_MODE=trial runs in one process (its embedded database opens in one process only): leave HUB_API_PROCESSES unset or set it to 1');
    await import('./main.js');
    return;
  }
  const apis = apiProcessCount(env, availableParallelism());
  // Migrations once, before any process starts (each process would wait on the same lock anyway).
  const { runMigrations } = await import('./core/database/migrate.js');
  await runMigrations(databaseSettings(env));
  if (apis > 1) ensureSharedNodeKey(env);
  const total = apis + 1;
  const { AggregatorRegistry } = await import('prom-client');
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  const fork = (role: 'api' | 'worker'): Worker => {
    const worker = cluster.fork({ [ROLE]: role, [PROCESS_COUNT_VARIABLE]: String(total) });
    worker.on('message', (message: { type?: string; id?: number }) => {
      if (message?.type !== METRICS_REQUEST) return;
      aggregator.clusterMetrics().then(
        (text) => worker.send({ type: METRICS_RESPONSE, id: message.id, text }),
        (error: unknown) => worker.send({ type: METRICS_RESPONSE, id: message.id, error: (error as Error).message }),
      );
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      say(`The ${role} process ${worker.process.pid} exited (${signal ?? code}): starting another`);
      setTimeout(() => fork(role), 1000).unref();
    });
    return worker;
  };
  for (let i = 0; i < apis; i++) fork('api');
  fork('worker');
  say(`e-CoO hub: ${apis} API process(es) and one worker process (HUB_API_PROCESSES=${apis}, HUB_DB_CONNECTIONS shared by ${total})`);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping every process`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const worker of workers) {
      worker.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
      worker.process.kill(signal);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * Every API process signs envelopes with the same node key. Without a configured key file, where
 * development keys are allowed, one development node key is stored (under the owner's advisory
 * lock, so never two) before any process starts; elsewhere the processes start without one.
 */
function ensureSharedNodeKey(env: ReturnType<typeof validateEnvironment>): void {
  if (process.env.HUB_NODE_KEY_FILE || !devKeysAllowed(env) || !process.env.HUB_MASTER_KEY) return;
  const out = mkdtempSync(join(tmpdir(), 'ecoo-node-key-'));
  try {
    const result = spawnSync(process.execPath, [join(__dirname, 'pki/cli/pki-dev.js'), '--node', '--out', out], { env: process.env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`could not store a development node key for the API processes to share: ${result.stderr || result.stdout}`);
    say(`One development node key for every process: ${result.stdout.trim().split('\n')[0]?.split(', trust anchor')[0] ?? 'stored'}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (cluster.isPrimary) {
  primary().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
} else if (process.env[ROLE] === 'worker') {
  void import('./worker.js');
} else {
  void import('./main.js');
}
