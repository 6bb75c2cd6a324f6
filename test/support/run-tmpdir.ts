import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The machine's temporary directory from before the run took TMPDIR: for what outlives a run. */
export const MACHINE_TMPDIR = 'ECOO_MACHINE_TMPDIR';
/** The run's own temporary directory, which its teardown removes. */
export const RUN_TMPDIR = 'ECOO_RUN_TMPDIR';
// TMPDIR as it was before the run, to put back ('' when it was unset).
const TMPDIR_BEFORE = 'ECOO_TMPDIR_BEFORE';

/** Where files that outlive a run belong (the previous release's build, made once per machine). */
export function machineTmpdir(): string {
  return process.env[MACHINE_TMPDIR] ?? tmpdir();
}

/**
 * Points TMPDIR at a directory of the run's own, once per run (whichever project's setup comes
 * first). The jest workers, and every hub, worker and CLI a spec starts, inherit it, so the files
 * they make for themselves land in it: node keys, PKCS#12 files, SoftHSM tokens, browser profiles,
 * receipts. The teardown removes it with all of them, and no private key of a run stays behind in
 * the machine's temporary directory, whether or not a spec cleaned up after itself.
 */
export function enterRunTmpdir(env: NodeJS.ProcessEnv = process.env): string {
  const existing = env[RUN_TMPDIR];
  if (existing) return existing;
  const machine = tmpdir();
  const dir = mkdtempSync(join(machine, 'ecoo-run-'));
  env[TMPDIR_BEFORE] = env.TMPDIR ?? '';
  env[MACHINE_TMPDIR] = machine;
  env[RUN_TMPDIR] = dir;
  env.TMPDIR = dir;
  return dir;
}

/**
 * Removes the run's temporary directory and puts TMPDIR back; the first teardown to run does it, the
 * others find nothing to do. KEEP_TEST_DATABASE=1 keeps it, as it keeps the databases (trial mode's
 * databases are directories in it).
 */
export function leaveRunTmpdir(env: NodeJS.ProcessEnv = process.env): void {
  const dir = env[RUN_TMPDIR];
  if (!dir || env.KEEP_TEST_DATABASE === '1') return;
  rmSync(dir, { recursive: true, force: true });
  if (env[TMPDIR_BEFORE]) env.TMPDIR = env[TMPDIR_BEFORE];
  else delete env.TMPDIR;
  for (const name of [RUN_TMPDIR, MACHINE_TMPDIR, TMPDIR_BEFORE]) delete env[name];
}
