import { Logger } from '@nestjs/common';
import type { DatabaseConfig } from '../config/hub.config';
import { HubMode } from '../config/hub-mode';
import { createDataSource } from './data-source';

// Several api and worker processes may start together: one applies the migrations, the others wait.
const MIGRATION_LOCK = 0x45434f4d; // "ECOM"

export interface Migrated {
  /** The migrations this call applied. */
  applied: string[];
  /** What the process should say at start about the database server (autovacuumWarning). */
  warnings: string[];
}

export async function runMigrations(database: DatabaseConfig | string): Promise<Migrated> {
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) new Logger('Migrations').log(`Applied ${applied.map((m) => m.name).join(', ')}`);
    const warnings: string[] = [];
    if (typeof database === 'string' || database.mode === HubMode.SERVER) {
      const [{ autovacuum }]: { autovacuum: string }[] = await runner.query(`SELECT current_setting('autovacuum') AS autovacuum`);
      const warning = autovacuumWarning(autovacuum);
      if (warning) warnings.push(warning);
    }
    return { applied: applied.map((m) => m.name), warnings };
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

/**
 * Said at start when the server does not vacuum on its own. Every issue, delivery and audit entry
 * updates rows the hub wrote a moment before, and only VACUUM clears the old versions from the
 * tables and their indexes; only ANALYZE tells the planner how large the tables have grown.
 * Statements whose plan depends on that are planned on every call (prepared-statements.ts); the
 * dead rows still accumulate.
 */
export function autovacuumWarning(setting: string): string | undefined {
  if (setting !== 'off') return undefined;
  return 'PostgreSQL runs with autovacuum off: nothing clears the dead rows the hub leaves behind (every issue and delivery updates rows it wrote a moment before), so tables and indexes keep growing and reads slow down; turn autovacuum on, or run VACUUM ANALYZE on the hub\'s database on a schedule';
}
