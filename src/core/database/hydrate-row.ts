import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';

/**
 * An entity from a raw row (a hand-written statement that answers an entity's columns, such as a
 * data-modifying CTE), hydrated the way TypeORM hydrates a find: each column's value through the
 * driver's own conversion (jsonb, dates, numbers). Columns the row lacks stay unset; other keys of the
 * row are ignored.
 */
export function hydrateRow<T extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, row: Record<string, unknown>): T {
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.isVirtual) continue;
    const value = row[column.databaseName];
    if (value === undefined) continue;
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(value, column));
  }
  return entity;
}
