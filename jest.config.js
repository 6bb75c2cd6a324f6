// Three projects: unit specs beside the pure code they test; e2e specs that boot the real app against
// real PostgreSQL and Redis; and "trial", a chosen part of the e2e suite (issue, sign, transmit,
// verify) plus the embedded database's own specs, run again with HUB_MODE=trial on a fresh data
// directory per file. All run TypeScript through swc (Nest 12 ships ESM-only files, hence the
// transformIgnorePatterns exception list). Loading PGlite needs NODE_OPTIONS=--experimental-vm-modules,
// which the npm test scripts set.
// Every project runs in UTC (workers inherit it): dates in specs and in the hub's output do not
// depend on the machine's zone.
process.env.TZ = 'UTC';
// test/support/jest-transform.js: @swc/jest with a cache key free of the checkout's path, and each
// project's id (which names its cache) fixed, so that a fresh clone takes the modules an earlier run
// on the machine transformed.
// test/support/jest-runtime.js: jest's runtime, compiling each module from V8's code cache once a
// spec file on the machine has compiled it.
const runtime = '<rootDir>/test/support/jest-runtime.js';
const transform = { '^.+\\.(t|j)s$': ['<rootDir>/test/support/jest-transform.js'] };
const transformIgnorePatterns = [
  '/node_modules/(?!(@nestjs|file-type|load-esm|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|cookie|content-disposition|jose)/)',
];
// The e2e specs that also run in trial mode: together they issue, sign, transmit (to a partner
// simulator, locally and between two hubs) and verify, with health and metrics. The others talk to
// PostgreSQL behind the hub's back or run the CLIs against DATABASE_URL.
const TRIAL_E2E = ['foundation', 'certificates', 'signing', 'exchange-delivery', 'exchange-operations', 'exchange-two-hubs', 'queue-service'];
module.exports = {
  // e2e specs boot the hub and wait on real queues; jest reads this only at the top level.
  testTimeout: 120000,
  // A worker keeps what every spec file it ran loaded (each file loads the whole hub): e2e workers
  // grew to about 1.4 GB of heap over a run, and the CPU went to collecting it. A worker above 700 MB
  // after a file is replaced by a fresh one: the e2e project alone with 3 workers took 463 and 522
  // CPU-seconds with it against 570 without (288 and 323 s against 352 s), on this 2-core machine.
  workerIdleMemoryLimit: '700MB',
  // The slowest files first, also in a fresh clone where jest has timed nothing (the file says why).
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  projects: [
    {
      displayName: 'unit',
      id: 'ecoo-hub-unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'],
      transform,
      runtime,
      transformIgnorePatterns,
      // The run's pool of RSA keys (test/support/key-pool.ts), which the crypto specs draw from.
      globalSetup: '<rootDir>/test/support/unit-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/unit-global-teardown.ts',
    },
    {
      displayName: 'e2e',
      id: 'ecoo-hub-e2e',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform,
      runtime,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      // Spec files run in parallel workers, each in a database and BullMQ prefix of its own.
      setupFiles: ['<rootDir>/test/support/worker-env.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/worker-database.ts'],
    },
    {
      displayName: 'trial',
      id: 'ecoo-hub-trial',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: [...TRIAL_E2E.map((name) => `<rootDir>/test/e2e/${name}.e2e-spec.ts`), '<rootDir>/test/trial/**/*.trial-spec.ts'],
      transform,
      runtime,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/trial-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/trial-global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/trial-env.ts'],
    },
  ],
};
