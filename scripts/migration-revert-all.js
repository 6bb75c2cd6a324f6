// Reverts every applied migration, newest first, proving each `down` works (used by .ci/run).
require('reflect-metadata');
const { createDataSource } = require('../dist/core/database/data-source');

(async () => {
  const dataSource = createDataSource();
  await dataSource.initialize();
  try {
    let reverted = 0;
    while ((await dataSource.query('SELECT count(*)::int AS n FROM schema_migrations'))[0].n > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      reverted += 1;
    }
    console.log(`reverted ${reverted} migration(s)`);
  } finally {
    await dataSource.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
