import { Logger } from '@nestjs/common';
import type { DatabaseConfig } from '../config/hub.config';
import { createDataSource } from './data-source';

// Several api and worker processes may start together: one applies the migrations, the others wait.
const MIGRATION_LOCK = 0x45434f4d; // "ECOM"

export async function runMigrations(database: DatabaseConfig | string): Promise<string[]> {
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) new Logger('Migrations').log(`Applied ${applied.map((m) => m.name).join(', ')}`);
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}
