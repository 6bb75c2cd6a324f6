import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MACHINE_TMPDIR, RUN_TMPDIR, enterRunTmpdir, leaveRunTmpdir, machineTmpdir } from './run-tmpdir';

describe('the run temporary directory', () => {
  it('takes TMPDIR for the run once, and its teardown removes what was made in it and puts TMPDIR back', () => {
    const env: NodeJS.ProcessEnv = { TMPDIR: '/var/tmp/before' };
    const dir = enterRunTmpdir(env);
    expect(dirname(dir)).toBe(tmpdir());
    expect(env.TMPDIR).toBe(dir);
    expect(env[MACHINE_TMPDIR]).toBe(tmpdir());
    // A second project's setup keeps the first one's directory.
    expect(enterRunTmpdir(env)).toBe(dir);
    const key = join(mkdtempSync(join(dir, 'ecoo-node-')), 'node.key');
    writeFileSync(key, 'a private key');

    leaveRunTmpdir(env);
    expect(existsSync(key)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(env).toEqual({ TMPDIR: '/var/tmp/before' });
    // The other projects' teardowns find nothing left to do.
    expect(() => leaveRunTmpdir(env)).not.toThrow();
    expect(env).toEqual({ TMPDIR: '/var/tmp/before' });
  });

  it('leaves TMPDIR unset after the run when it was unset before', () => {
    const env: NodeJS.ProcessEnv = {};
    enterRunTmpdir(env);
    expect(env.TMPDIR).toBe(env[RUN_TMPDIR]);
    leaveRunTmpdir(env);
    expect(env).toEqual({});
  });

  it('keeps the directory with KEEP_TEST_DATABASE=1, as it keeps the databases', () => {
    const env: NodeJS.ProcessEnv = { KEEP_TEST_DATABASE: '1' };
    const dir = enterRunTmpdir(env);
    leaveRunTmpdir(env);
    expect(existsSync(dir)).toBe(true);
    expect(env.TMPDIR).toBe(dir);
    delete env.KEEP_TEST_DATABASE;
    leaveRunTmpdir(env);
    expect(existsSync(dir)).toBe(false);
  });

  it('inside a test run, the files of the run are in a directory of its own, and builds that outlive it are not', () => {
    // The projects' setups took TMPDIR before this worker started.
    expect(process.env[RUN_TMPDIR]).toBeDefined();
    expect(tmpdir()).toBe(process.env[RUN_TMPDIR]);
    expect(machineTmpdir()).toBe(dirname(tmpdir()));
  });
});
