import { databaseUrl } from './test-env';
import { workerNames } from './test-run';

// Runs before each spec file of the jest project "e2e", in its worker: the worker's own database and
// BullMQ prefix (test/support/test-run.ts). Set here, synchronously, because some specs read them
// at load time; the database itself is made by worker-database.ts before the first hook.
const { database, prefix } = workerNames();
process.env.ECOO_TEST_DATABASE = database;
process.env.DATABASE_URL = databaseUrl(database);
process.env.HUB_QUEUE_PREFIX = prefix;
// A small connection budget for each hub a spec starts (issue 14), so parallel test workers with two
// hubs each stay under the server's max_connections. A spec may set its own.
process.env.HUB_DB_CONNECTIONS ??= '12';
