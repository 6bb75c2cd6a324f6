// The map of src/ that lint holds (ARCHITECTURE.md draws it): which top-level folder may import which,
// and what no folder may reach into. eslint.config.mjs turns it into `no-restricted-imports` blocks,
// one per folder, depth and kind of file, so that each file gets exactly one set of patterns.

/** Every top-level folder of src/ but the application root (main.ts, worker.ts, app.module.ts, ...). */
export const FOLDERS = ['core', 'audit', 'dataset', 'authorities', 'pki', 'exchange', 'certificates', 'verification', 'authority-exchange', 'matching', 'applications', 'webhooks', 'reporting'];

/**
 * Which folders each folder may import (besides itself). The root may import all; nobody imports
 * reporting (the read model) or the root.
 */
export const ALLOWED = {
  core: [],
  audit: ['core'],
  dataset: ['core', 'audit'],
  authorities: ['core', 'audit', 'dataset'],
  pki: ['core', 'audit', 'dataset', 'authorities'],
  exchange: ['core', 'audit', 'dataset', 'authorities', 'pki'],
  certificates: ['core', 'audit', 'dataset', 'authorities', 'pki', 'exchange'],
  verification: ['core', 'audit', 'dataset', 'authorities', 'pki', 'certificates'],
  'authority-exchange': ['core', 'audit', 'dataset', 'authorities', 'exchange', 'certificates'],
  matching: ['core', 'audit', 'dataset', 'authorities', 'certificates'],
  applications: ['core', 'audit', 'dataset', 'authorities', 'pki', 'certificates'],
  webhooks: ['core', 'audit', 'dataset', 'authorities', 'pki', 'exchange', 'certificates', 'applications'],
  reporting: ['core', 'audit', 'dataset', 'authorities', 'pki', 'exchange', 'certificates', 'verification', 'authority-exchange', 'matching', 'applications', 'webhooks'],
};

/** The application root's files: they wire everything, and nothing imports them. */
export const ROOT_FILES = ['main', 'worker', 'app.module', 'create-app', 'entities', 'data-source'];

/** What pure code (domain/, core/lifecycle/) may not import: frameworks, the database, I/O. */
export const IMPURE_PACKAGES = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'bullmq', 'ioredis', 'fastify', '@fastify/*', 'node:fs', 'node:fs/*', 'fs', 'node:net', 'net', 'node:http', 'http', 'node:https', 'https'];

// Specs and test builders may reach anywhere (they are no module's code); entity files keep their
// TypeORM relations to other modules' entities, which carry the foreign keys.
const TEST_FILES = ['**/*.spec.ts', '**/testing/**'];
const DEEPEST = 6;

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const upTo = (depth) => `^(\\.\\./){${depth}}`;
const anyOf = (names) => `(${names.map(escape).join('|')})`;

/** One message per rule, so a lint error says which rule it broke. */
export const MESSAGES = {
  folder: (folder) =>
    `${folder}/ may import only ${ALLOWED[folder].length ? ALLOWED[folder].join(', ') : 'itself'} (ARCHITECTURE.md): call an exported service of a folder it may import, or move the code.`,
  root: 'Nothing imports the application root (main, worker, app.module, create-app, entities, data-source): it imports the modules.',
  ownership:
    "Another module's entities and store are its own: call one of its exported services (an entity file may keep a TypeORM relation to another module's entity, for the foreign key).",
  pure: 'domain/ is pure TypeScript: no framework, database or I/O, and no entity.',
  tests: 'scripts/ never imports test/: move what both need to scripts/ (or src/) and let the tests import it.',
};

/** The patterns for a file of `folder` at `depth` directories below src/ (src/exchange/x.ts is depth 1). */
function patternsFor(folder, depth, { entityFile, pure }) {
  const up = upTo(depth);
  const others = FOLDERS.filter((f) => f !== folder);
  const forbidden = others.filter((f) => !ALLOWED[folder].includes(f));
  const patterns = [];
  if (forbidden.length) patterns.push({ regex: `${up}${anyOf(forbidden)}(/|$)`, message: MESSAGES.folder(folder) });
  patterns.push({ regex: `${up}${anyOf(ROOT_FILES)}(\\.js)?$`, message: MESSAGES.root });
  // reporting is the read model: it may read every module's tables (stated in its module).
  if (!entityFile && folder !== 'reporting') {
    patterns.push({ regex: `${up}${anyOf(others)}/(.*/)?(entities/[^/]+|[^/]+\\.entity|[^/]*[.-]store)$`, message: MESSAGES.ownership });
  }
  if (pure) {
    patterns.push({ group: IMPURE_PACKAGES, message: MESSAGES.pure });
    patterns.push({ regex: '(^|/)(entities/[^/]+|[^/]+\\.entity)$', message: MESSAGES.pure });
  }
  return patterns;
}

/** The flat-config blocks for src/, and the one for scripts/. */
export function boundaryConfigs() {
  const configs = [];
  for (const folder of FOLDERS) {
    for (let depth = 1; depth <= DEEPEST; depth++) {
      const files = `src/${folder}/${'*/'.repeat(depth - 1)}*.ts`;
      const kinds = [
        { name: 'code', files: [files], ignores: [...TEST_FILES, '**/domain/**', '**/*.entity.ts'], entityFile: false, pure: false },
        { name: 'entities', files: [files, '**/*.entity.ts'], ignores: TEST_FILES, entityFile: true, pure: false },
        { name: 'domain', files: [files, '**/domain/**'], ignores: TEST_FILES, entityFile: false, pure: true },
      ];
      if (folder === 'core') kinds.push({ name: 'lifecycle', files: [files, 'src/core/lifecycle/**'], ignores: TEST_FILES, entityFile: false, pure: true });
      for (const kind of kinds) {
        // A file list of one glob matches that glob; of two, both at once (an AND, as config-array reads it).
        configs.push({
          name: `boundaries/${folder}/depth-${depth}/${kind.name}`,
          files: kind.files.length === 1 ? kind.files : [kind.files],
          ignores: kind.name === 'code' && folder === 'core' ? [...kind.ignores, 'src/core/lifecycle/**'] : kind.ignores,
          rules: { 'no-restricted-imports': ['error', { patterns: patternsFor(folder, depth, kind) }] },
        });
      }
    }
  }
  configs.push({
    name: 'boundaries/scripts',
    files: ['scripts/**/*.ts', 'scripts/**/*.mjs', 'scripts/**/*.js'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+test(/|$)', message: MESSAGES.tests }] }] },
  });
  return configs;
}
