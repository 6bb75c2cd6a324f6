import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SERVICES = resolve(__dirname, 'services.sh');

/** Runs one function of scripts/services.sh in `cwd`, with the dependency cache at `cache`. */
function run(cwd: string, cache: string, command: string): { status: number; stdout: string } {
  try {
    const stdout = execFileSync('bash', ['-c', `source "${SERVICES}" && ${command}`], { cwd, env: { ...process.env, ECOO_DEPS_CACHE: cache }, encoding: 'utf8' });
    return { status: 0, stdout };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { status: failed.status, stdout: failed.stdout };
  }
}

/** A checkout whose node_modules holds one package file and the lock hash `hash`. */
function installed(root: string, name: string, hash: string): string {
  const checkout = join(root, name);
  mkdirSync(join(checkout, 'node_modules/some-package'), { recursive: true });
  writeFileSync(join(checkout, 'node_modules/some-package/index.js'), `module.exports = '${hash}';\n`);
  writeFileSync(join(checkout, 'node_modules/.lock-hash'), `${hash}\n`);
  return checkout;
}

describe('the dependency cache of scripts/services.sh', () => {
  let root: string;
  let cache: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ecoo-deps-cache-'));
    cache = join(root, 'cache');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps an installed tree, and links its files into a checkout that has none', () => {
    const first = installed(root, 'first', 'aaa');
    expect(run(first, cache, 'cache_dependencies aaa').status).toBe(0);
    const cachedFile = join(cache, 'aaa/some-package/index.js');
    expect(readFileSync(cachedFile, 'utf8')).toBe("module.exports = 'aaa';\n");
    expect(existsSync(join(cache, 'aaa.digest'))).toBe(true);

    const fresh = join(root, 'fresh');
    mkdirSync(fresh);
    const linked = run(fresh, cache, 'link_cached_dependencies aaa');
    expect(linked.status).toBe(0);
    expect(linked.stdout).toContain('node_modules linked from the dependency cache');
    expect(statSync(join(fresh, 'node_modules/some-package/index.js')).ino).toBe(statSync(cachedFile).ino);
    expect(readFileSync(join(fresh, 'node_modules/.lock-hash'), 'utf8').trim()).toBe('aaa');
  });

  it('drops a tree in which a checkout wrote since it was stored, and links nothing from it', () => {
    const first = installed(root, 'first', 'aaa');
    expect(run(first, cache, 'cache_dependencies aaa').status).toBe(0);
    // Written through the checkout's link: the cached file is the same file.
    writeFileSync(join(first, 'node_modules/some-package/index.js'), 'patched by hand, longer than before\n');

    const fresh = join(root, 'fresh');
    mkdirSync(fresh);
    const refused = run(fresh, cache, 'link_cached_dependencies aaa');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('was changed since it was stored: dropped');
    expect(existsSync(join(fresh, 'node_modules'))).toBe(false);
    expect(existsSync(join(cache, 'aaa'))).toBe(false);
    expect(existsSync(join(cache, 'aaa.digest'))).toBe(false);
  });

  it('links nothing for a lock file it has no tree of, or a tree that says another lock file', () => {
    const fresh = join(root, 'fresh');
    mkdirSync(fresh);
    expect(run(fresh, cache, 'link_cached_dependencies aaa').status).toBe(1);
    expect(existsSync(join(fresh, 'node_modules'))).toBe(false);

    const other = installed(root, 'other', 'bbb');
    expect(run(other, cache, 'cache_dependencies bbb').status).toBe(0);
    writeFileSync(join(cache, 'bbb/.lock-hash'), 'ccc\n');
    expect(run(fresh, cache, 'link_cached_dependencies bbb').status).toBe(1);
    expect(existsSync(join(fresh, 'node_modules'))).toBe(false);
  });

  it('stores again a tree left without its digest', () => {
    const first = installed(root, 'first', 'aaa');
    expect(run(first, cache, 'cache_dependencies aaa && rm "$ECOO_DEPS_CACHE/aaa.digest"').status).toBe(0);
    const fresh = join(root, 'fresh');
    mkdirSync(fresh);
    expect(run(fresh, cache, 'link_cached_dependencies aaa').status).toBe(1);
    expect(run(first, cache, 'cache_dependencies aaa').status).toBe(0);
    expect(run(fresh, cache, 'link_cached_dependencies aaa').status).toBe(0);
  });

  it('keeps the three trees used last, also in a cache whose path has spaces', () => {
    cache = join(root, 'a cache', 'with spaces');
    for (const [i, hash] of ['h1', 'h2', 'h3', 'h4'].entries()) {
      const checkout = installed(root, `checkout-${i}`, hash);
      expect(run(checkout, cache, `cache_dependencies ${hash} && touch -d '-${10 - i} minutes' "${cache}/${hash}"`).status).toBe(0);
    }
    expect(readdirSync(cache).filter((name) => !name.startsWith('.')).sort()).toEqual(['h2', 'h2.digest', 'h3', 'h3.digest', 'h4', 'h4.digest']);
    expect(readdirSync(join(root, 'a cache'))).toEqual(['with spaces']);
  });
});
