import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

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
});
