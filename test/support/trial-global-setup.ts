import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubMode } from '../../src/core/config/hub-mode';
import { runMigrations } from '../../src/core/database/migrate';
import { EmbeddedQueueStore } from '../../src/core/queue/embedded-queue-store';
import { enterRunTmpdir } from './run-tmpdir';
import { TEST_ADMIN_TOKEN, TEST_MASTER_KEY, TEST_PARTNER_ALLOWED_HOSTS, TEST_TRUSTED_PROXIES, hsFile } from './test-env';
import { TRIAL_RUN_DIR, trialTemplate } from './trial-data';

/**
 * The trial project's run: a directory for its data, and in it a template database with the hub's
 * migrations and BullMQ's schema applied, which each spec file copies (test/support/trial-env.ts).
 */
export default async function trialGlobalSetup(): Promise<void> {
  enterRunTmpdir();
  // Every trial spec file opens small databases several times: a 16MB buffer pool opens in a third
  // of the CPU of the hubs' default 128MB (core/database/embedded/embedded-postgres.ts).
  process.env.HUB_TRIAL_SHARED_BUFFERS = '16MB';
  const runDir = mkdtempSync(join(tmpdir(), 'ecoo-trial-'));
  const template = trialTemplate(runDir);
  await runMigrations({ mode: HubMode.TRIAL, dataDir: template });
  await (await EmbeddedQueueStore.open(template)).close();
  process.env[TRIAL_RUN_DIR] = runDir;
  process.env.TZ = 'UTC';
  process.env.HUB_ADMIN_TOKEN = TEST_ADMIN_TOKEN;
  process.env.HUB_MASTER_KEY = TEST_MASTER_KEY;
  process.env.HUB_PARTNER_ALLOWED_HOSTS = TEST_PARTNER_ALLOWED_HOSTS;
  // The specs stand behind a proxy on this machine: they name each public caller with X-Forwarded-For.
  process.env.HUB_TRUSTED_PROXIES = TEST_TRUSTED_PROXIES;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
  const hs = hsFile();
  if (hs) process.env.HUB_HS_FILE = hs;
}
