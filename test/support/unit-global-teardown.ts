import { rmSync } from 'node:fs';
import { leaveRunTmpdir } from './run-tmpdir';
import { UNIT_KEY_DIR } from './unit-global-setup';

/** Removes the unit project's key pool (the private keys of a run are never left behind). */
export default function unitGlobalTeardown(): void {
  const dir = process.env[UNIT_KEY_DIR];
  if (dir) rmSync(dir, { recursive: true, force: true });
  leaveRunTmpdir();
}
