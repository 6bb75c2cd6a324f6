import { rmSync } from 'node:fs';
import { createTestDatabase, databaseUrl, dropTestDatabase } from './test-run';
import { freshTrialDataDir } from './trial-data';

/**
 * A database of a spec's own, for specs that leave it in a state others must not see (a tampered
 * audit chain) or run two hubs: a copy of the run's migrated template, named after the worker's
 * database (so parallel workers never collide), or an empty one (`empty: true`, for a hub of another
 * release that applies its own migrations). Points DATABASE_URL at it until `restore()`; in trial
 * mode points HUB_DATA_DIR at a fresh data directory instead, and `url` is that directory.
 */
export async function useOwnDatabase(suffix: string, options: { empty?: boolean } = {}): Promise<{ url: string; restore: () => Promise<void> }> {
  if (process.env.HUB_MODE === 'trial') return useOwnDataDir(suffix);
  const name = `${process.env.ECOO_TEST_DATABASE}_${suffix}`;
  if (!(await createTestDatabase(name, options))) throw new Error(`database ${name} exists already: pick another suffix`);
  const previous = process.env.DATABASE_URL;
  const url = databaseUrl(name);
  process.env.DATABASE_URL = url;
  return {
    url,
    restore: async () => {
      process.env.DATABASE_URL = previous;
      if (process.env.KEEP_TEST_DATABASE !== '1') await dropTestDatabase(name);
    },
  };
}

async function useOwnDataDir(suffix: string): Promise<{ url: string; restore: () => Promise<void> }> {
  const previous = process.env.HUB_DATA_DIR;
  const dir = freshTrialDataDir(suffix);
  process.env.HUB_DATA_DIR = dir;
  return {
    url: dir,
    restore: async () => {
      process.env.HUB_DATA_DIR = previous;
      if (process.env.KEEP_TEST_DATABASE !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
}
