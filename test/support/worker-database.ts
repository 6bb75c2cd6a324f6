import { createTestDatabase } from './test-run';

// Registered before any spec's own hooks: the worker's database exists (a copy of the run's
// migrated template) before a spec boots a hub on it. The first spec file of a worker creates it.
beforeAll(async () => {
  await createTestDatabase(String(process.env.ECOO_TEST_DATABASE));
});
