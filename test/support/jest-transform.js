'use strict';
// The specs' TypeScript (and the ESM-only packages') transform: @swc/jest under the checkout's .swcrc,
// the one scripts/compile.js builds dist/ with, with a cache key that names no absolute path.
//
// jest keeps what a transform made in its cache directory under a key. @swc/jest's key hashes the
// project's whole configuration, which holds the checkout's absolute path, and jest files the cache
// under the project's id, by default a hash of that path too: every fresh clone (every CI run)
// transformed all ~3,600 modules again, once per project, and a test run from a fresh clone spent
// 570 CPU-seconds against 502 for the same run a second time. Here the key is what the output
// depends on: the source, its path inside the checkout, swc's version and options, and the module
// kind jest asks for; and jest.config.js names each project's id. A clone's second run and every
// later clone on the machine take the transformed files from the cache (jest's default directory,
// /tmp/jest_*), and a changed file, option or version makes a new key, never a stale hit.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const { basename, join, relative } = require('node:path');
const swcJest = require('@swc/jest');

// What @swc/jest compiles with when it is given no options: the .swcrc of the directory jest runs in.
const swcrc = join(process.cwd(), '.swcrc');
const settings = JSON.stringify([
  require('@swc/core/package.json').version,
  require('@swc/jest/package.json').version,
  process.version,
  existsSync(swcrc) ? readFileSync(swcrc, 'utf8') : '',
]);

module.exports = {
  createTransformer(options) {
    const swc = swcJest.createTransformer(options);
    return {
      canInstrument: swc.canInstrument,
      process(source, filename, jestOptions) {
        const result = swc.process(source, filename, jestOptions);
        // The map names the file by its absolute path, which a later clone's cache hit would point
        // at; by its name alone it resolves beside the module that uses it, wherever the checkout is.
        if (typeof result.map === 'string') {
          const map = JSON.parse(result.map);
          map.sources = (map.sources ?? []).map(() => basename(filename));
          result.map = JSON.stringify(map);
        }
        return result;
      },
      getCacheKey(source, filename, jestOptions) {
        const { config, instrument, supportsStaticESM } = jestOptions;
        return createHash('sha1')
          .update(settings)
          .update(JSON.stringify([options ?? null, instrument === true, supportsStaticESM === true]))
          .update('\0')
          .update(relative(config.rootDir, filename))
          .update('\0')
          .update(source)
          .digest('hex');
      },
    };
  },
};
