import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

interface Outcomes {
  cached: string[];
  compiled: string[];
  jest: string[];
}

/**
 * A project of three modules and two spec files, run by jest in one process with the project's
 * runtime and a cache directory of its own: what became of each module in each spec file.
 */
class Fixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'ecoo-jest-runtime-'));
  private readonly log = join(this.dir, 'outcomes.jsonl');

  constructor() {
    // fail() throws on line 3: the specs check that a stack trace names that line, cache or not.
    writeFileSync(join(this.dir, 'answer.js'), "exports.answer = () => 42;\nexports.fail = () => {\n  throw new Error('from answer.js');\n};\n");
    writeFileSync(join(this.dir, 'later.js'), "exports.later = () => import('node:path');\n");
    const spec = (name: string) =>
      [
        "const { answer, fail } = require('./answer');",
        "const { later } = require('./later');",
        `test('${name}', () => {`,
        '  expect(answer()).toBe(42);',
        "  expect(typeof later).toBe('function');",
        "  let stack = '';",
        '  try { fail(); } catch (error) { stack = error.stack; }',
        '  expect(stack).toMatch(/answer\\.js:3:/);',
        '});',
        '',
      ].join('\n');
    writeFileSync(join(this.dir, 'first.test.js'), spec('first'));
    writeFileSync(join(this.dir, 'second.test.js'), spec('second'));
    const config = { rootDir: this.dir, testEnvironment: 'node', transform: {}, cacheDirectory: join(this.dir, 'cache'), runtime: join(ROOT, 'test/support/jest-runtime.js') };
    writeFileSync(join(this.dir, 'jest.config.json'), JSON.stringify(config));
  }

  /** One jest run of both spec files in one process: each spec file's outcomes, in the order run. */
  run(): Outcomes[] {
    rmSync(this.log, { force: true });
    const env: NodeJS.ProcessEnv = { ...process.env, ECOO_JEST_CODE_CACHE_LOG: this.log };
    delete env.JEST_WORKER_ID;
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/jest/bin/jest.js'), '--config', join(this.dir, 'jest.config.json'), '--runInBand', '--ci'], {
      cwd: this.dir,
      env,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`jest failed (${result.status}):\n${result.stderr}`);
    return readFileSync(this.log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Outcomes);
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  append(name: string, text: string): void {
    appendFileSync(join(this.dir, name), text);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe("the specs' runtime (V8's code cache for the modules a spec file loads)", () => {
  let fixture: Fixture;
  beforeEach(() => {
    fixture = new Fixture();
  });
  afterEach(() => fixture.remove());

  it('compiles a module once, then takes it from the cache, in the same process and in the next run', () => {
    const [first, second] = fixture.run();
    expect(first.compiled).toContain(fixture.path('answer.js'));
    // The second spec file of the process takes what the first stored.
    expect(second.cached).toContain(fixture.path('answer.js'));
    expect(second.compiled).not.toContain(fixture.path('answer.js'));

    // A new process reads the cache from the disk.
    const again = fixture.run();
    for (const outcomes of again) {
      expect(outcomes.cached).toContain(fixture.path('answer.js'));
      expect(outcomes.compiled).not.toContain(fixture.path('answer.js'));
    }
    // Spec files too (jest orders them by their last times: either may come first).
    expect(again.flatMap((outcomes) => outcomes.cached)).toEqual(expect.arrayContaining([fixture.path('first.test.js'), fixture.path('second.test.js')]));
  });

  it('compiles a changed module again, never running what the cache holds of its old text', () => {
    fixture.run();
    // A comment at the end: the spec still passes, and the line of the throw is unchanged.
    fixture.append('answer.js', '// changed\n');
    const [first, second] = fixture.run();
    expect(first.compiled).toContain(fixture.path('answer.js'));
    expect(first.cached).not.toContain(fixture.path('answer.js'));
    expect(second.cached).toContain(fixture.path('answer.js'));
  });

  it('leaves a module that imports dynamically to jest, whose import callback Node.js 20 loses in cached code', () => {
    const runs = [...fixture.run(), ...fixture.run()];
    for (const outcomes of runs) {
      expect(outcomes.jest).toContain(fixture.path('later.js'));
      expect([...outcomes.cached, ...outcomes.compiled]).not.toContain(fixture.path('later.js'));
    }
  });
});
