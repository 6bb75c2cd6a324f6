import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { validateEnvironment } from '../config/env.validation';
import { DatabaseConfig, databaseSettings } from '../config/hub.config';
import { DEFAULT_TRIAL_DATA_DIR, HubMode } from '../config/hub-mode';
import { poolSize } from '../config/processes';
import { embeddedPgDriver } from './embedded/embedded-pool';
import { MIGRATIONS } from './migrations';
import { serverDriverOption } from './prepared-statements';

/**
 * The pool keeps the connections it opened. pg closes one idle for 10 s by default, so a hub whose
 * load pauses opened its whole share again at the next burst: each new connection a fork of a
 * PostgreSQL backend with empty catalog caches, and every named statement parsed and planned again
 * on it, while the first calls of the burst wait. The share is already counted in the hub's budget
 * (HUB_DB_CONNECTIONS), open or not, so keeping it costs no connection the budget did not grant;
 * a pool of fixed size is also what HikariCP recommends for responsiveness to spikes (its
 * `minimumIdle` documentation). TCP keepalive finds a connection that a firewall or NAT dropped
 * while it idled, which then fails and leaves the pool instead of hanging the next call.
 */
const KEPT_CONNECTIONS = { idleTimeoutMillis: 0, keepAlive: true, keepAliveInitialDelayMillis: 60_000 } as const;

/**
 * One set of options for the app, the tests and the TypeORM CLI. Trial mode changes only the driver
 * under TypeORM (node-postgres over the embedded database): same entities, migrations and queries.
 * The entities are the caller's: the app lets each module register its own (autoLoadEntities), the
 * TypeORM CLI passes the whole list (src/data-source.ts), and migrations and raw SQL need none.
 */
export function dataSourceOptions(database: DatabaseConfig | string, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  const config: DatabaseConfig = typeof database === 'string' ? { mode: HubMode.SERVER, url: database } : database;
  const common = {
    type: 'postgres',
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install on managed databases.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Failed queries are raised to the caller; logging them would print certificate content.
    logging: false,
  } as const;
  if (config.mode === HubMode.TRIAL) {
    // A client of the embedded database is no socket: the pool size only bounds how many wait for the session.
    return { ...common, driver: embeddedPgDriver(config.dataDir), database: 'postgres', extra: { max: 20, application_name: 'ecoo-hub' } };
  }
  // This process's share of HUB_DB_CONNECTIONS (core/config/processes.ts).
  // Statements with parameters are named, so PostgreSQL parses and plans each text once per connection,
  // unless HUB_DB_PREPARED_STATEMENTS=false (a pooler in transaction mode between the hub and PostgreSQL).
  return { ...common, ...serverDriverOption(process.env), url: config.url, extra: { max: poolSize(process.env), application_name: 'ecoo-hub', ...KEPT_CONNECTIONS } };
}

// The CLIs need only the database variables; anything else is validated in full, so the message
// names every bad variable.
function databaseFromEnvironment(): DatabaseConfig {
  const { HUB_MODE, HUB_DATA_DIR, DATABASE_URL } = process.env;
  if (HUB_MODE === HubMode.TRIAL) return { mode: HubMode.TRIAL, dataDir: HUB_DATA_DIR || DEFAULT_TRIAL_DATA_DIR };
  if (DATABASE_URL && (!HUB_MODE || HUB_MODE === HubMode.SERVER)) return { mode: HubMode.SERVER, url: DATABASE_URL };
  return databaseSettings(validateEnvironment(process.env));
}

/** A data source for the configured mode (DATABASE_URL, or the embedded database with HUB_MODE=trial). */
export function createDataSource(database?: DatabaseConfig | string, entities: DataSourceOptions['entities'] = []): DataSource {
  return new DataSource(dataSourceOptions(database ?? databaseFromEnvironment(), entities));
}
