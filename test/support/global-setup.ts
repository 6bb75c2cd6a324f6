import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN_URL, REDIS_URL, TEST_ADMIN_TOKEN, TEST_MASTER_KEY, TEST_PARTNER_ALLOWED_HOSTS, databaseUrl, hsFile } from './test-env';

/**
 * Each test run gets its own database and BullMQ prefix, so runs on one machine never see each
 * other's rows or jobs. The e2e specs apply the real migrations to it when they boot the hub.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const database = `ecoo_test_${runId}`;
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  process.env.TZ = 'UTC';
  process.env.ECOO_TEST_DATABASE = database;
  process.env.DATABASE_URL = databaseUrl(database);
  process.env.REDIS_URL = REDIS_URL;
  process.env.HUB_QUEUE_PREFIX = `ecoo-test-${runId}`;
  process.env.HUB_ADMIN_TOKEN = TEST_ADMIN_TOKEN;
  process.env.HUB_MASTER_KEY = TEST_MASTER_KEY;
  process.env.HUB_PARTNER_ALLOWED_HOSTS = TEST_PARTNER_ALLOWED_HOSTS;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
  const hs = hsFile();
  if (hs) process.env.HUB_HS_FILE = hs;
}
