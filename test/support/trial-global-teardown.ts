import { rmSync } from 'node:fs';
import { leaveRunTmpdir } from './run-tmpdir';
import { TRIAL_RUN_DIR } from './trial-data';

/** Removes the trial run's data directories (KEEP_TEST_DATABASE=1 keeps them to look at). */
export default async function trialGlobalTeardown(): Promise<void> {
  const runDir = process.env[TRIAL_RUN_DIR];
  if (runDir && process.env.KEEP_TEST_DATABASE !== '1') rmSync(runDir, { recursive: true, force: true });
  leaveRunTmpdir();
}
