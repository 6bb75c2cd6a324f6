'use strict';
// jest's module runtime, loading the modules a spec file requires at less cost.
//
// jest runs each spec file in a fresh VM context and loads every module it requires there again:
// for each module it reads the source, hashes it, reads the transformed code from its cache and
// compiles that from source. Each e2e file loads the whole hub, some 3,600 modules (NestJS, TypeORM,
// pg, ioredis, the hub's ~700 modules). Two things change here (in one process running eight e2e
// files one after the other, loading modules took 12.4 of 31 CPU-seconds with the first alone and
// 7.4 with both):
//
// - **Compiled once on the machine.** Compiled code does not depend on the context: the first spec
//   file that runs a module stores V8's cache of it after the file ran (so it holds the functions
//   that file called, not only the top level), and every later file, worker and clone compiles
//   from that cache. The cache is a file per module under jest's cache directory, named by the hash
//   of the code jest compiles (the transformed source, wrapped) and of the Node.js version and V8
//   flags, which V8 checks too: a changed module, Node.js or flag makes a new name, never a stale
//   hit, and V8 rejects a cache it cannot use (then the module compiles from source and its cache
//   is written again). Files are written to a temporary name and renamed, so two workers storing
//   one module at once leave one whole file.
// - **Read once per worker.** A jest worker runs many spec files; what it read and transformed for
//   one (the transformed code, its code cache) it keeps for the next, as long as the file's size
//   and modification time are those it read (one stat instead of reading, hashing and reading
//   again; none for installed packages, which do not change while a worker runs).
const { createHash } = require('node:crypto');
const { appendFileSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const Runtime = require('jest-runtime').default;

// What a cache depends on besides the code: V8 refuses a cache made under another version or flags.
const machineKey = createHash('sha256')
  .update(JSON.stringify([process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']))
  .digest('hex')
  .slice(0, 16);

// This worker's memory, across the spec files it runs. transformed: "<options> <path>" -> the file's
// size and time and jest's transform result; codeCaches: the code compiled -> V8's cache of it.
const transformed = new Map();
const codeCaches = new Map();
// jest's transform options, each object's JSON once.
const optionKeys = new WeakMap();

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

// Installed packages do not change while a worker runs: only the project's own files are looked at
// again before what the worker kept of them is used.
function stamp(filename) {
  if (filename.includes('/node_modules/')) return 'installed';
  try {
    const stats = statSync(filename);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return undefined;
  }
}

class CodeCachingRuntime extends Runtime {
  constructor(config, environment, ...rest) {
    super(config, environment, ...rest);
    const { executor, transformCache } = this;
    if (!executor || typeof executor.compile !== 'function' || executor.injectedModuleParameters === undefined) {
      throw new Error('test/support/jest-runtime.js: this jest-runtime has no ModuleExecutor.compile to wrap');
    }
    if (!transformCache || typeof transformCache.transform !== 'function' || !(transformCache.transforms instanceof Map)) {
      throw new Error('test/support/jest-runtime.js: this jest-runtime has no TransformCache.transform to wrap');
    }
    this.codeCacheDirectory = join(config.cacheDirectory, `v8-code-${machineKey}`);
    mkdirSync(this.codeCacheDirectory, { recursive: true });
    // Scripts compiled without a usable cache: their cache is stored once the spec file has run.
    this.uncachedScripts = [];
    // What became of each module, written at teardown to $ECOO_JEST_CODE_CACHE_LOG when it is set
    // (test/support/jest-runtime.spec.ts reads it): from the cache, compiled (its cache then stored),
    // or left to jest's own compile.
    this.outcomes = { cached: [], compiled: [], jest: [] };
    const compile = executor.compile.bind(executor);
    executor.compile = (source, filename) => this.compileCached(executor, compile, source, filename);
    const transform = transformCache.transform.bind(transformCache);
    transformCache.transform = (filename, options) => this.transformOnce(transformCache, transform, filename, options);
  }

  transformOnce(transformCache, transform, filename, options) {
    if (options?.isInternalModule) return transform(filename, options);
    let kind = options == null ? 'none' : optionKeys.get(options);
    if (kind === undefined) optionKeys.set(options, (kind = JSON.stringify(options)));
    const key = `${kind} ${filename}`;
    const current = stamp(filename);
    const kept = transformed.get(key);
    let result = kept !== undefined && current !== undefined && kept.stamp === current ? kept.result : undefined;
    if (result === undefined) {
      const code = transform(filename, options);
      result = transformCache.transforms.get(filename) ?? { code };
      if (current !== undefined) transformed.set(key, { stamp: current, result });
      return code;
    }
    // What jest's own transform records, for source maps in stack traces and coverage.
    transformCache.transforms.set(filename, result);
    if (result.sourceMapPath) transformCache.sourceMaps.set(filename, result.sourceMapPath);
    return result.code;
  }

  compileCached(executor, compile, source, filename) {
    const context = executor.environment.getVmContext();
    // What this worker kept of the module (the same text: jest's transform is kept too, above).
    const kept = codeCaches.get(filename);
    const known = kept !== undefined && kept.source === source;
    // Node.js 20 loses a script's dynamic import callback in functions it reads from a code cache
    // ("A dynamic import callback was not specified"): a module that imports dynamically (PGlite,
    // in trial mode) is compiled by jest from source, as before.
    if (context == null || executor.resolution.isCoreModule(filename) || (!known && source.includes('import('))) {
      this.outcomes.jest.push(filename);
      return compile(source, filename);
    }
    // The module's body as a function of jest's module parameters, on the source's first line, so
    // that line numbers (and the source map) stay those of the transformed module.
    const wrapped = known ? kept.wrapped : `({"Object.<anonymous>":function(${executor.injectedModuleParameters.join(',')}){${source}\n}});`;
    let file;
    let cachedData;
    if (known) {
      cachedData = kept.cachedData;
    } else {
      file = join(this.codeCacheDirectory, createHash('sha256').update(wrapped).digest('hex'));
      cachedData = readCache(file);
    }
    let script;
    try {
      script = new Script(wrapped, {
        filename,
        cachedData,
        importModuleDynamically: (specifier, _script, importAttributes, ...rest) =>
          executor.dynamicImport(specifier, filename, context, importAttributes, rest[0]),
      });
    } catch {
      // A syntax error, or an ES module jest must load another way: jest's own compile reports it.
      this.outcomes.jest.push(filename);
      return compile(source, filename);
    }
    if (cachedData === undefined || script.cachedDataRejected) {
      this.uncachedScripts.push({ script, file: file ?? join(this.codeCacheDirectory, createHash('sha256').update(wrapped).digest('hex')), filename, source, wrapped });
      this.outcomes.compiled.push(filename);
    } else {
      if (!known) codeCaches.set(filename, { source, wrapped, cachedData });
      this.outcomes.cached.push(filename);
    }
    return script.runInContext(context, { filename })['Object.<anonymous>'];
  }

  teardown() {
    for (const { script, file, filename, source, wrapped } of this.uncachedScripts) {
      try {
        const cachedData = script.createCachedData();
        codeCaches.set(filename, { source, wrapped, cachedData });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, cachedData);
        renameSync(temporary, file);
      } catch {
        // A cache that could not be written costs the next file a compile from source, nothing else.
      }
    }
    this.uncachedScripts = [];
    if (process.env.ECOO_JEST_CODE_CACHE_LOG) appendFileSync(process.env.ECOO_JEST_CODE_CACHE_LOG, `${JSON.stringify(this.outcomes)}\n`);
    super.teardown();
  }
}

module.exports = { __esModule: true, default: CodeCachingRuntime };
