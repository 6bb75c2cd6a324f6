#!/usr/bin/env node
// Compiles a checkout's src/ into dist/ with swc, under the same .swcrc that jest runs the sources
// with, so the built hub is the code the specs ran: every .ts file but specs and testing/ helpers
// becomes a .js file with its source map, and the JSON and XSD files the code reads at run time are
// copied beside it. It checks no types: `npm run typecheck` does (and `npm run build` runs both).
//   node scripts/compile.js [project directory, default this checkout]
// The previous release's build for the compatibility specs (test/support/previous-release.ts) uses it
// on that release's sources.
'use strict';
const { transformFile } = require('@swc/core');
const { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const project = resolve(process.argv[2] ?? join(__dirname, '..'));
const src = join(project, 'src');
const dist = join(project, 'dist');

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}

/** What tsconfig.json leaves out of the build: specs, and the builders specs share under testing/. */
function isSource(path) {
  return path.endsWith('.ts') && !path.endsWith('.d.ts') && !path.endsWith('.spec.ts') && !path.split('/').includes('testing');
}

/** Read at run time: the agreement profiles and schemas (JSON), and the UBL schemas with their notes. */
function isAsset(path) {
  return path.endsWith('.json') || path.startsWith('dataset/formats/ubl/xsd/');
}

async function compile(path) {
  const from = join(src, path);
  const to = join(dist, path.replace(/\.ts$/, '.js'));
  const output = await transformFile(from, {
    configFile: join(project, '.swcrc'),
    sourceMaps: true,
    inlineSourcesContent: false,
    // The map names its source relative to the compiled file, as tsc's maps did.
    sourceFileName: relative(dirname(to), from),
  });
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, `${output.code}\n//# sourceMappingURL=${relative(dirname(to), to)}.map\n`);
  writeFileSync(`${to}.map`, output.map);
}

async function main() {
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });
  const files = filesUnder(src);
  const sources = files.filter(isSource);
  // swc compiles on its own threads; a bounded number in flight keeps the open files few.
  const queue = [...sources];
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) await compile(path);
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const assets = files.filter(isAsset);
  for (const path of assets) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    cpSync(join(src, path), join(dist, path));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`compiled ${sources.length} files and copied ${assets.length} to ${relative(process.cwd(), dist) || dist} in ${seconds} s\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
