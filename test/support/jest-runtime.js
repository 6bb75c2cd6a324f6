'use strict';
// jest's module runtime, with V8's code cache for the modules a spec file loads.
//
// jest runs each spec file in a fresh VM context and compiles every module it requires there again,
// from source: each e2e file loads the whole hub (NestJS, TypeORM, pg, ioredis, the hub's ~700
// modules), and compiling them cost about 0.6 CPU-seconds a file at the top level alone, before the
// functions V8 compiles lazily on their first call. Compiled code does not depend on the context,
// so here a module's code is compiled once on the machine: the first file that runs a module stores
// V8's cache of it after the file ran (so it holds the functions that file called, not only the top
// level), and every later file, worker and clone compiles from that cache.
//
// The cache is a file per module under jest's cache directory, named by the hash of the code jest
// compiles (the transformed source, wrapped) and of the Node.js version and V8 flags, which V8
// checks too: a changed module, Node.js or flag makes a new name, never a stale hit, and V8 rejects
// a cache it cannot use (then the module compiles from source and its cache is written again).
// Files are written to a temporary name and renamed, so two workers storing one module at once
// leave one whole file.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const Runtime = require('jest-runtime').default;

// What a cache depends on besides the code: V8 refuses a cache made under another version or flags.
const machineKey = createHash('sha256')
  .update(JSON.stringify([process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']))
  .digest('hex')
  .slice(0, 16);

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

class CodeCachingRuntime extends Runtime {
  constructor(config, environment, ...rest) {
    super(config, environment, ...rest);
    const executor = this.executor;
    if (!executor || typeof executor.compile !== 'function' || typeof executor.injectedModuleParameters === 'undefined') {
      throw new Error('test/support/jest-runtime.js: this jest-runtime has no ModuleExecutor.compile to wrap');
    }
    this.codeCacheDirectory = join(config.cacheDirectory, `v8-code-${machineKey}`);
    mkdirSync(this.codeCacheDirectory, { recursive: true });
    // Scripts compiled without a usable cache: their cache is stored once the spec file has run.
    this.uncachedScripts = [];
    const original = executor.compile.bind(executor);
    executor.compile = (source, filename) => this.compileCached(executor, original, source, filename);
  }

  compileCached(executor, original, source, filename) {
    const context = executor.environment.getVmContext();
    // Node.js 20 loses a script's dynamic import callback in functions it reads from a code cache
    // ("A dynamic import callback was not specified"): a module that imports dynamically (PGlite,
    // in trial mode) is compiled by jest from source, as before.
    if (context == null || executor.resolution.isCoreModule(filename) || source.includes('import(')) {
      return original(source, filename);
    }
    // The module's body as a function of jest's module parameters, on the source's first line, so
    // that line numbers (and the source map) stay those of the transformed module.
    const wrapped = `({"Object.<anonymous>":function(${executor.injectedModuleParameters.join(',')}){${source}\n}});`;
    const file = join(this.codeCacheDirectory, createHash('sha256').update(wrapped).digest('hex'));
    const cachedData = readCache(file);
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
      return original(source, filename);
    }
    if (cachedData === undefined || script.cachedDataRejected) this.uncachedScripts.push({ script, file });
    return script.runInContext(context, { filename })['Object.<anonymous>'];
  }

  teardown() {
    for (const { script, file } of this.uncachedScripts) {
      try {
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, file);
      } catch {
        // A cache that could not be written costs the next file a compile from source, nothing else.
      }
    }
    this.uncachedScripts = [];
    super.teardown();
  }
}

module.exports = { __esModule: true, default: CodeCachingRuntime };
