// Two projects: unit specs beside the pure code they test, and e2e specs that boot the real app
// against real PostgreSQL and Redis. Both run TypeScript through swc (Nest 12 ships ESM-only files,
// hence the transformIgnorePatterns exception list).
const transform = { '^.+\\.(t|j)s$': ['@swc/jest'] };
const transformIgnorePatterns = [
  '/node_modules/(?!(@nestjs|file-type|load-esm|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|cookie|content-disposition)/)',
];
module.exports = {
  // e2e specs boot the hub and wait on real queues; jest reads this only at the top level.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
