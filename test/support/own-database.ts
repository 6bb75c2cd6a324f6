import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { ADMIN_URL, databaseUrl } from './test-env';
import { freshTrialDataDir } from './trial-data';

/**
 * A database of a spec's own, for specs that leave it in a state others must not see (a tampered
 * audit chain) or run two hubs. Points DATABASE_URL at it until `restore()`; in trial mode points
 * HUB_DATA_DIR at a fresh data directory instead, and `url` is that directory.
 */
export async function useOwnDatabase(suffix: string): Promise<{ url: string; restore: () => Promise<void> }> {
  if (process.env.HUB_MODE === 'trial') return useOwnDataDir(suffix);
  const name = `${process.env.ECOO_TEST_DATABASE}_${suffix}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const previous = process.env.DATABASE_URL;
  const url = databaseUrl(name);
  process.env.DATABASE_URL = url;
  return {
    url,
    restore: async () => {
      process.env.DATABASE_URL = previous;
      if (process.env.KEEP_TEST_DATABASE === '1') return;
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
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
