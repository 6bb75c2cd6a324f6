import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeKeyPool, RUN_KEY_POOL } from './key-pool';
import { enterRunTmpdir } from './run-tmpdir';

/** The directory of the unit project's key pool, for its teardown. */
export const UNIT_KEY_DIR = 'ECOO_UNIT_KEY_DIR';

/**
 * The unit project's run: a pool of RSA keys (test/support/key-pool.ts) for the specs of the crypto
 * and the verdicts, which would otherwise make one or more per spec file. Made on libuv's threads, once
 * per run; a run that already has one (an earlier project's setup) keeps it.
 */
export default async function unitGlobalSetup(): Promise<void> {
  enterRunTmpdir();
  process.env.TZ = 'UTC';
  if (process.env[RUN_KEY_POOL]) return;
  const dir = mkdtempSync(join(tmpdir(), 'ecoo-unit-keys-'));
  await makeKeyPool(join(dir, 'key-pool.json'), 32);
  process.env[UNIT_KEY_DIR] = dir;
  process.env[RUN_KEY_POOL] = join(dir, 'key-pool.json');
}
