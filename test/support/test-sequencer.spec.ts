import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SlowestFirstSequencer = require('./test-sequencer');
const { SLOWEST } = SlowestFirstSequencer as { SLOWEST: Record<string, number> };

const ROOT = resolve(__dirname, '../..');

interface FakeTest {
  path: string;
  context: { config: { cache: boolean; rootDir: string; displayName: { name: string } }; hasteFS: { getSize: (path: string) => number } };
}

function fakeTest(project: string, path: string, size: number): FakeTest {
  return { path: `${ROOT}/${path}`, context: { config: { cache: false, rootDir: ROOT, displayName: { name: project } }, hasteFS: { getSize: () => size } } };
}

const names = (tests: FakeTest[]): string[] => tests.map((t) => `${t.context.config.displayName.name}:${t.path.slice(ROOT.length + 1)}`);

describe('the slowest-first test sequencer', () => {
  it('names only spec files that exist, in projects that run them', () => {
    for (const key of Object.keys(SLOWEST)) {
      const [project, path] = key.split(':');
      expect(['unit', 'e2e', 'trial']).toContain(project);
      expect(existsSync(resolve(ROOT, path))).toBe(true);
    }
  });

  it('puts the slowest files jest has no time for first, longest first, then the rest by size', () => {
    const tests = [
      fakeTest('unit', 'src/a.spec.ts', 900),
      fakeTest('e2e', 'test/e2e/exchange-chaos.e2e-spec.ts', 10),
      fakeTest('e2e', 'test/e2e/big.e2e-spec.ts', 5000),
      fakeTest('trial', 'test/trial/smoke.trial-spec.ts', 20),
      fakeTest('e2e', 'test/e2e/pki-dev-keys-production.e2e-spec.ts', 30),
    ];
    const sorted = new SlowestFirstSequencer().sort(tests);
    expect(names(sorted)).toEqual([
      'e2e:test/e2e/pki-dev-keys-production.e2e-spec.ts',
      'trial:test/trial/smoke.trial-spec.ts',
      'e2e:test/e2e/exchange-chaos.e2e-spec.ts',
      'e2e:test/e2e/big.e2e-spec.ts',
      'unit:src/a.spec.ts',
    ]);
  });

  it('keys a file by its project: the same spec in another project is not moved', () => {
    const sorted = new SlowestFirstSequencer().sort([fakeTest('e2e', 'src/b.spec.ts', 50), fakeTest('e2e', 'test/trial/smoke.trial-spec.ts', 1)]);
    expect(names(sorted)).toEqual(['e2e:src/b.spec.ts', 'e2e:test/trial/smoke.trial-spec.ts']);
  });

  it("leaves a file jest has timed where jest's own order puts it", () => {
    class Timed extends SlowestFirstSequencer {
      time(test: FakeTest): number | undefined {
        return test.path.endsWith('exchange-chaos.e2e-spec.ts') ? 0.5 : undefined;
      }
    }
    const sorted = new Timed().sort([fakeTest('e2e', 'test/e2e/exchange-chaos.e2e-spec.ts', 10), fakeTest('e2e', 'test/e2e/big.e2e-spec.ts', 5000)]);
    // jest runs files it has no time for first, then the timed ones longest first.
    expect(names(sorted)).toEqual(['e2e:test/e2e/big.e2e-spec.ts', 'e2e:test/e2e/exchange-chaos.e2e-spec.ts']);
  });

  it("drops the times jest kept for spec files that no longer exist (another clone's), and keeps the others", () => {
    const cacheDirectory = mkdtempSync(join(tmpdir(), 'ecoo-sequencer-'));
    try {
      const here = `${ROOT}/test/e2e/smoke.e2e-spec.ts`;
      const gone = '/nonexistent/clone/test/e2e/smoke.e2e-spec.ts';
      const context = { config: { cache: true, cacheDirectory, id: 'ecoo-hub-e2e', haste: {}, rootDir: ROOT, displayName: { name: 'e2e' } }, hasteFS: { getSize: () => 1 } };
      const sequencer = new SlowestFirstSequencer();
      writeFileSync(sequencer._getCachePath(context), JSON.stringify({ [here]: [1, 5000], [gone]: [1, 7000] }));
      sequencer.cacheResults([{ path: here, context }], { testResults: [] });
      const [file] = readdirSync(cacheDirectory);
      expect(JSON.parse(readFileSync(join(cacheDirectory, file), 'utf8'))).toEqual({ [here]: [1, 5000] });
    } finally {
      rmSync(cacheDirectory, { recursive: true, force: true });
    }
  });
});
