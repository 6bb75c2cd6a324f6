import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '../..');

/** Runs a built command of the hub (`dist/...`, built by `npm test`'s pretest) and returns its outcome. */
export function runBuilt(script: string, env: Record<string, string | undefined>, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [resolve(PROJECT_ROOT, 'dist', script), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
