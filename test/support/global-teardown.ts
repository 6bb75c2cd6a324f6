import { rmSync } from 'node:fs';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { leaveRunTmpdir } from './run-tmpdir';
import { ADMIN_URL, REDIS_URL } from './test-env';
import { RUN_DIR, RUN_PREFIX, RUN_TEMPLATE } from './test-run';

/**
 * Drops the run's databases (its template, the workers' copies, the specs' own) and its BullMQ keys,
 * under every prefix that starts with the run's. KEEP_TEST_DATABASE=1 keeps the databases to look at.
 */
export default async function globalTeardown(): Promise<void> {
  const runDir = process.env[RUN_DIR];
  if (runDir) rmSync(runDir, { recursive: true, force: true });
  leaveRunTmpdir();
  const template = process.env[RUN_TEMPLATE];
  if (template && process.env.KEEP_TEST_DATABASE !== '1') {
    const client = new Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      const pattern = `${template.replace(/[\\_%]/g, '\\$&')}%`;
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY length(datname) DESC', [pattern]);
      // Copies first, the template last (longest names first).
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  const prefix = process.env[RUN_PREFIX];
  if (prefix) {
    const redis = new IORedis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
