import { Client } from 'pg';
import { ADMIN_URL, databaseUrl } from './test-env';

/**
 * A database of a spec's own, for specs that leave it in a state others must not see (a tampered
 * audit chain). Points DATABASE_URL at it until `restore()`.
 */
export async function useOwnDatabase(suffix: string): Promise<{ url: string; restore: () => Promise<void> }> {
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
