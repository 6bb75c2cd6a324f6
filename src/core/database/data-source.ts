import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { validateEnvironment } from '../config/env.validation';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One set of options for the app, the tests and the TypeORM CLI. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install on managed databases.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Failed queries are raised to the caller; logging them would print certificate content.
    logging: false,
    extra: { max: 20, application_name: 'ecoo-hub' },
  };
}

export function createDataSource(url = process.env.DATABASE_URL): DataSource {
  if (!url) {
    // Validate the environment fully so the message names every bad variable.
    validateEnvironment(process.env);
  }
  return new DataSource(dataSourceOptions(url as string));
}

// The TypeORM CLI (`npm run migration:*`) loads this default export.
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ecoo');
