import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devNodeIdentity, writeNodeIdentity } from './exchange';
import { makeKeyPool, RUN_KEY_POOL } from './key-pool';
import { runMigrations } from '../../src/core/database/migrate';
import { REDIS_URL, TEST_ADMIN_TOKEN, TEST_MASTER_KEY, TEST_PARTNER_ALLOWED_HOSTS, TEST_TRUSTED_PROXIES, databaseUrl, hsFile } from './test-env';
import { enterRunTmpdir } from './run-tmpdir';
import { RUN_DIR, RUN_PREFIX, RUN_TEMPLATE, createTestDatabase } from './test-run';

/**
 * Each test run gets its own template database, migrated once here with the real migrations (as a
 * hub applies them at boot), and its own BullMQ prefix, so runs on one machine never see each
 * other's rows or jobs. Each jest worker then works in a copy of the template under a prefix of its
 * own (test/support/worker-env.ts), so spec files run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  enterRunTmpdir();
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = `ecoo_test_${runId}`;
  // The run's files: its node key and the pool of keys specs make for themselves
  // (test/support/key-pool.ts), made on libuv's threads while the template migrates, unless the
  // unit project's setup made the run's pool already (spec files each start from the pool's first
  // key, whichever project they are in).
  const runDir = mkdtempSync(join(tmpdir(), `ecoo-test-${runId}-`));
  const keyPoolFile = process.env[RUN_KEY_POOL] ?? join(runDir, 'key-pool.json');
  const keyPool = process.env[RUN_KEY_POOL] ? Promise.resolve() : makeKeyPool(keyPoolFile, 32);
  await createTestDatabase(template, { empty: true });
  // Nobody connects to the template after this: PostgreSQL copies only a database nobody is in.
  await runMigrations(databaseUrl(template));
  process.env.TZ = 'UTC';
  process.env[RUN_TEMPLATE] = template;
  process.env[RUN_PREFIX] = `ecoo-test-${runId}`;
  process.env.REDIS_URL = REDIS_URL;
  process.env.HUB_ADMIN_TOKEN = TEST_ADMIN_TOKEN;
  process.env.HUB_MASTER_KEY = TEST_MASTER_KEY;
  process.env.HUB_PARTNER_ALLOWED_HOSTS = TEST_PARTNER_ALLOWED_HOSTS;
  // The specs stand behind a proxy on this machine: they name each public caller with X-Forwarded-For.
  process.env.HUB_TRUSTED_PROXIES = TEST_TRUSTED_PROXIES;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
  // One node key for every hub the run boots, as a deployed hub has its node key configured: without
  // it each boot would make a development key (two RSA keys) of its own. Specs about the development
  // key, or about processes sharing a stored one, unset these for their hubs.
  const nodeKey = writeNodeIdentity(devNodeIdentity('e-CoO test hub node'), runDir);
  process.env.HUB_NODE_KEY_FILE = nodeKey.keyFile;
  process.env.HUB_NODE_CERT_FILE = nodeKey.certFile;
  process.env[RUN_DIR] = runDir;
  await keyPool;
  process.env[RUN_KEY_POOL] = keyPoolFile;
  const hs = hsFile();
  if (hs) process.env.HUB_HS_FILE = hs;
}
