// What opening trial mode's embedded database costs with a buffer pool of `--mb` megabytes
// (HUB_TRIAL_SHARED_BUFFERS; the test runs take 16MB) against the hubs' default 128MB: CPU time of
// the process per open of a copy of a migrated data directory, until the database is ready. Opens
// alternate between the two sizes within each round.
//   npm run bench -- trial-open [--mb 16] [--opens 5] [--rounds 3]
// In process, no build, no PostgreSQL server.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TRIAL_SHARED_BUFFERS, HubMode } from '../../src/core/config/hub-mode';
import { runMigrations } from '../../src/core/database/migrate';
import { EmbeddedPostgres } from '../../src/core/database/embedded/embedded-postgres';
import { Figure, Scenario, alternate } from '../support/scenario';

/** CPU milliseconds of this process to open a fresh copy of `template` with `pool` and close it again. */
async function openOnce(template: string, pool: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ecoo-bench-open-'));
  const previous = process.env.HUB_TRIAL_SHARED_BUFFERS;
  try {
    cpSync(template, dir, { recursive: true });
    process.env.HUB_TRIAL_SHARED_BUFFERS = pool;
    const started = process.cpuUsage();
    const handle = EmbeddedPostgres.use(dir);
    await handle.database;
    const used = process.cpuUsage(started);
    await handle.release();
    return (used.user + used.system) / 1000;
  } finally {
    if (previous === undefined) delete process.env.HUB_TRIAL_SHARED_BUFFERS;
    else process.env.HUB_TRIAL_SHARED_BUFFERS = previous;
    rmSync(dir, { recursive: true, force: true });
  }
}

const scenario: Scenario = {
  description: "CPU per open of trial mode's embedded database with a smaller buffer pool, against the default 128MB",
  options: { mb: 16, opens: 5 },
  build: false,
  async start(context) {
    const pool = `${context.option('mb')}MB`;
    const opens = context.option('opens');
    const root = mkdtempSync(join(tmpdir(), 'ecoo-bench-trial-open-'));
    const template = join(root, 'template');
    await runMigrations({ mode: HubMode.TRIAL, dataDir: template });
    return {
      async round(round) {
        const spent: Record<string, number> = { [pool]: 0, [DEFAULT_TRIAL_SHARED_BUFFERS]: 0 };
        for (let i = 0; i < opens; i++) {
          for (const size of alternate(round + i, [pool, DEFAULT_TRIAL_SHARED_BUFFERS])) spent[size] += await openOnce(template, size);
        }
        const figure: Figure = {
          figure: `CPU per open, buffer pool ${pool}`,
          unit: 'ms',
          hub: spent[pool] / opens,
          reference: { label: `buffer pool ${DEFAULT_TRIAL_SHARED_BUFFERS} (the default)`, value: spent[DEFAULT_TRIAL_SHARED_BUFFERS] / opens },
        };
        return [figure];
      },
      async stop() {
        rmSync(root, { recursive: true, force: true });
      },
    };
  },
};

export default scenario;
