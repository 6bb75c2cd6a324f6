import 'reflect-metadata';
import { createDataSource } from './core/database/data-source';
import { ENTITIES } from './entities';

// The TypeORM CLI (`npm run migration:*`) loads this default export: server mode only, with every
// entity, so that `migration:generate --check` compares all of them with the migrated schema.
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ecoo', ENTITIES);
