import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DataDirLock } from './data-dir-lock';

describe('DataDirLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecoo-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses, before taking anything, a directory a live process holds, with the message take() gives', () => {
    const lock = DataDirLock.take(dir);
    const expected = `The trial data directory ${dir} is in use by process ${process.pid}: one hub per directory (set HUB_DATA_DIR to use another)`;
    expect(() => DataDirLock.refuseIfHeld(dir)).toThrow(expected);
    expect(() => DataDirLock.take(dir)).toThrow(expected);
    lock.release();
    expect(() => DataDirLock.refuseIfHeld(dir)).not.toThrow();
  });

  it('lets a directory through whose pid file names a process that has exited, and take() takes it over', () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'hub.pid'), exited.stdout);
    expect(() => DataDirLock.refuseIfHeld(dir)).not.toThrow();
    const lock = DataDirLock.take(dir);
    expect(() => DataDirLock.refuseIfHeld(dir)).toThrow(`in use by process ${process.pid}`);
    lock.release();
  });

  it('takes over a pid file that names this process but was left by an earlier one with the same pid (a container restarted), and still refuses a second take in this process', () => {
    writeFileSync(join(dir, 'hub.pid'), String(process.pid));
    expect(() => DataDirLock.refuseIfHeld(dir)).not.toThrow();
    const lock = DataDirLock.take(dir);
    expect(() => DataDirLock.take(dir)).toThrow(`in use by process ${process.pid}`);
    lock.release();
    expect(() => DataDirLock.take(dir).release()).not.toThrow();
  });

  it('refuses a directory held in this process under another spelling of its path (relative, or through a link)', () => {
    const lock = DataDirLock.take(dir);
    symlinkSync(dir, `${dir}-link`);
    try {
      expect(() => DataDirLock.take(`${dir}-link`)).toThrow(`in use by process ${process.pid}`);
      expect(() => DataDirLock.take(`${relative(process.cwd(), dir)}/`)).toThrow(`in use by process ${process.pid}`);
      expect(() => DataDirLock.refuseIfHeld(`${dir}-link`)).toThrow(`in use by process ${process.pid}`);
    } finally {
      rmSync(`${dir}-link`, { force: true });
      lock.release();
    }
  });

  it('lets an empty or missing directory through', () => {
    expect(() => DataDirLock.refuseIfHeld(dir)).not.toThrow();
    expect(() => DataDirLock.refuseIfHeld(join(dir, 'not-yet'))).not.toThrow();
  });
});
