import IORedis from 'ioredis';
import { Client } from 'pg';
import { ADMIN_URL, REDIS_URL } from './test-env';

/** Drops the run's database and its BullMQ keys (KEEP_TEST_DATABASE=1 keeps the database to look at). */
export default async function globalTeardown(): Promise<void> {
  const database = process.env.ECOO_TEST_DATABASE;
  if (database && process.env.KEEP_TEST_DATABASE !== '1') {
    const client = new Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  const prefix = process.env.HUB_QUEUE_PREFIX;
  if (prefix) {
    const redis = new IORedis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
