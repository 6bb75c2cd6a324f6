import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

function inUse(dataDir: string, owner: number): string {
  return `The trial data directory ${dataDir} is in use by process ${owner}: one hub per directory (set HUB_DATA_DIR to use another)`;
}

// The pid files this process holds now: a file naming this process's pid that is not among them was
// left by an earlier process that had the same pid (a hub in a container is often pid 1 after every
// restart, and one killed leaves its file behind), so it is taken over rather than refused. Named by
// the directory's real path, so that another spelling of a directory held here is still refused.
const heldHere = new Set<string>();

function lockFileOf(dataDir: string): string {
  let dir: string;
  try {
    dir = realpathSync(dataDir);
  } catch {
    dir = resolve(dataDir);
  }
  return join(dir, LOCK_FILE);
}

/** The live process that holds the directory's pid file, if any. */
function holderOf(path: string): number | undefined {
  let owner: number;
  try {
    owner = Number(readFileSync(path, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(owner) || owner <= 0) return undefined;
  if (owner === process.pid) return heldHere.has(path) ? owner : undefined;
  return alive(owner) ? owner : undefined;
}

/**
 * The embedded database is one process's files: a second hub opening the same directory would
 * corrupt it, and PGlite does not stop it. A pid file does; one left by a dead process is taken over.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static take(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = lockFileOf(dataDir);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        heldHere.add(path);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = holderOf(path);
        if (owner !== undefined) throw new Error(inUse(dataDir, owner), { cause: error });
        rmSync(path, { force: true });
      }
    }
    throw new Error(`Could not lock the trial data directory ${dataDir}`);
  }

  /**
   * The same refusal as take() when a live process holds the directory now, taking nothing: the
   * hub's entry point asks before it loads its modules, so a second hub says so at once. take() still
   * decides (the holder may start or stop in between).
   */
  static refuseIfHeld(dataDir: string): void {
    const owner = holderOf(lockFileOf(dataDir));
    if (owner !== undefined) throw new Error(inUse(dataDir, owner));
  }

  release(): void {
    heldHere.delete(this.path);
    try {
      if (readFileSync(this.path, 'utf8').trim() === String(process.pid)) rmSync(this.path, { force: true });
    } catch {
      // Already gone.
    }
  }
}
