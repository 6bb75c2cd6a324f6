import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'hub.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database is one process's files: a second hub opening the same directory would
 * corrupt it, and PGlite does not stop it. A pid file does; one left by a dead process is taken over.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static take(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(readFileSync(path, 'utf8').trim());
        if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
          throw new Error(`The trial data directory ${dataDir} is in use by process ${owner}: one hub per directory (set HUB_DATA_DIR to use another)`, { cause: error });
        }
        rmSync(path, { force: true });
      }
    }
    throw new Error(`Could not lock the trial data directory ${dataDir}`);
  }

  release(): void {
    try {
      if (readFileSync(this.path, 'utf8').trim() === String(process.pid)) rmSync(this.path, { force: true });
    } catch {
      // Already gone.
    }
  }
}
