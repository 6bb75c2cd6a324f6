// Lets `node -r ./bench/register-ts.js file.ts` run the benchmarks' TypeScript (and the src/ files
// they import) through @swc/core, a dev dependency, with the project's decorator settings.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const swc = require('@swc/core');

const swcrc = JSON.parse(readFileSync(resolve(__dirname, '../.swcrc'), 'utf8'));
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformFileSync(filename, { ...swcrc, swcrc: false, sourceMaps: 'inline', filename });
  module._compile(code, filename);
};
