import { cpSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

// Trial-mode test runs (jest project "trial"): every spec file, and every useOwnDatabase() in it, gets
// a fresh data directory, copied from a template the run's global setup migrated once (the same
// migrations every hub start applies; copying saves creating and migrating a database per file).
export const TRIAL_RUN_DIR = 'ECOO_TRIAL_RUN_DIR';

export function trialTemplate(runDir: string): string {
  return join(runDir, 'template');
}

/** A fresh copy of the migrated template, under the run's directory (removed by the global teardown). */
export function freshTrialDataDir(name: string): string {
  const runDir = process.env[TRIAL_RUN_DIR];
  if (!runDir) throw new Error(`${TRIAL_RUN_DIR} is not set: trial specs run in the jest project "trial"`);
  const dir = mkdtempSync(join(runDir, `${name}-`));
  cpSync(trialTemplate(runDir), dir, { recursive: true });
  return dir;
}
