import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPTS = resolve(__dirname);

/** Runs one function of scripts/build.sh (which needs services.sh's) in `cwd`, with the checks' cache at `cache`. */
function run(cwd: string, cache: string, command: string): void {
  execFileSync('bash', ['-c', `source "${SCRIPTS}/services.sh" && source "${SCRIPTS}/build.sh" && ${command}`], {
    cwd,
    env: { ...process.env, ECOO_CHECKS_CACHE: cache },
    encoding: 'utf8',
  });
}

/** ESLint's cache as it names a checkout's files: by absolute path. */
const eslintState = (checkout: string): string => JSON.stringify([{ [`${checkout}/src/main.ts`]: { hash: 'a' } }, `${checkout}/src/app.module.ts`]);

describe("the checks' caches of scripts/build.sh", () => {
  let root: string;
  let cache: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ecoo-checks-cache-'));
    cache = join(root, 'machine cache');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  function checkout(name: string): string {
    const dir = join(root, name);
    mkdirSync(join(dir, '.cache'), { recursive: true });
    return dir;
  }

  it("stores lint's state without the checkout's path, and gives another clone its own", () => {
    const first = checkout('first');
    writeFileSync(join(first, '.cache/eslint.json'), eslintState(first));
    run(first, cache, 'store_check_cache eslint.json');
    const stored = readFileSync(join(cache, 'eslint.json'), 'utf8');
    expect(stored).not.toContain(first);
    expect(stored).toContain('<checkout>/src/main.ts');

    const fresh = join(root, 'fresh clone');
    mkdirSync(fresh);
    run(fresh, cache, 'restore_check_caches');
    expect(readFileSync(join(fresh, '.cache/eslint.json'), 'utf8')).toBe(eslintState(fresh));
  });

  it("keeps the type check's state as it is, and leaves nothing aside when it is stored", () => {
    const first = checkout('first');
    writeFileSync(join(first, '.cache/typecheck.tsbuildinfo'), '{"program":{"fileNames":["../src/main.ts"]}}');
    run(first, cache, 'store_check_cache typecheck.tsbuildinfo');
    expect(readdirSync(cache).sort()).toEqual(['typecheck.tsbuildinfo']);

    const fresh = join(root, 'fresh');
    mkdirSync(fresh);
    run(fresh, cache, 'restore_check_caches');
    expect(readFileSync(join(fresh, '.cache/typecheck.tsbuildinfo'), 'utf8')).toBe('{"program":{"fileNames":["../src/main.ts"]}}');
  });

  it("never replaces a checkout's own state, and restores nothing from an empty cache", () => {
    const own = checkout('own');
    mkdirSync(cache);
    writeFileSync(join(cache, 'typecheck.tsbuildinfo'), 'the machine');
    writeFileSync(join(own, '.cache/typecheck.tsbuildinfo'), 'the checkout');
    run(own, cache, 'restore_check_caches');
    expect(readFileSync(join(own, '.cache/typecheck.tsbuildinfo'), 'utf8')).toBe('the checkout');
    expect(existsSync(join(own, '.cache/eslint.json'))).toBe(false);

    const bare = join(root, 'bare');
    mkdirSync(bare);
    run(bare, join(root, 'no cache'), 'restore_check_caches');
    expect(readdirSync(join(bare, '.cache'))).toEqual([]);
  });
});
