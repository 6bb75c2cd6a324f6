import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createTransformer } = require('./jest-transform') as {
  createTransformer: (options?: unknown) => {
    process: (source: string, filename: string, options: object) => { code: string; map?: string };
    getCacheKey: (source: string, filename: string, options: object) => string;
  };
};

const ROOT = resolve(__dirname, '../..');
const SOURCE = 'export const answer: number = 42;\n';

/** What jest hands a transform for a file of the checkout at `root`. */
function jestOptions(root: string, supportsStaticESM = false): object {
  return { config: { rootDir: root }, configString: JSON.stringify({ rootDir: root }), instrument: false, supportsStaticESM };
}

describe("the specs' transform", () => {
  const transformer = createTransformer();

  it('keys a file by its path inside the checkout, so that two clones share what one transformed', () => {
    const here = transformer.getCacheKey(SOURCE, `${ROOT}/src/answer.ts`, jestOptions(ROOT));
    const elsewhere = transformer.getCacheKey(SOURCE, '/tmp/another-clone/src/answer.ts', jestOptions('/tmp/another-clone'));
    expect(elsewhere).toBe(here);
  });

  it('gives another key to another source, another path, and the other module kind', () => {
    const key = transformer.getCacheKey(SOURCE, `${ROOT}/src/answer.ts`, jestOptions(ROOT));
    const keys = [
      transformer.getCacheKey(SOURCE.replace('42', '43'), `${ROOT}/src/answer.ts`, jestOptions(ROOT)),
      transformer.getCacheKey(SOURCE, `${ROOT}/src/question.ts`, jestOptions(ROOT)),
      transformer.getCacheKey(SOURCE, `${ROOT}/src/answer.ts`, jestOptions(ROOT, true)),
    ];
    expect(new Set([key, ...keys]).size).toBe(4);
  });

  it('compiles with the checkout\'s .swcrc and names the source in its map by the file\'s name alone', () => {
    const swcrc = JSON.parse(readFileSync(resolve(ROOT, '.swcrc'), 'utf8')) as { module: { type: string } };
    expect(swcrc.module.type).toBe('commonjs');
    const result = transformer.process(SOURCE, `${ROOT}/src/answer.ts`, jestOptions(ROOT));
    expect(result.code).toContain('exports');
    expect(result.code).not.toContain(': number');
    const map = JSON.parse(result.map ?? '{}') as { sources: string[]; sourcesContent: string[] };
    expect(map.sources).toEqual(['answer.ts']);
    expect(map.sourcesContent).toEqual([SOURCE]);
  });
});
