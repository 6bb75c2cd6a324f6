import type { EntityMetadata } from 'typeorm';
import type { SqlStatement } from '../unit-of-work/effects';

/**
 * A multi-row INSERT of plain rows into an entity's table, written directly from the entity's
 * columns: TypeORM's insert query builder, which built the outbox rows' INSERT of every issue, took
 * 4.2% of the API's CPU under create + issue (issue 14's profile), for a statement this function
 * writes in a loop.
 *
 * Rows are keyed by property name; a column that some row gives is written for every row, and a row
 * without it gets the column's DEFAULT, as the query builder does; a column no row gives is left to
 * its default (created_at, updated_at). A foreign key declared both as a column and as a relation is
 * read from its plain property. jsonb values go as JSON text (node-postgres would send an array as a
 * PostgreSQL array). For flat entities: a column of an embedded entity is refused.
 */
export function insertStatement(metadata: EntityMetadata, rows: readonly object[]): SqlStatement {
  if (rows.length === 0) throw new Error(`An INSERT into ${metadata.tableName} needs at least one row`);
  const embedded = metadata.columns.find((column) => column.embeddedMetadata);
  if (embedded) throw new Error(`insertStatement writes flat entities only: ${metadata.tableName}.${embedded.databaseName} is embedded`);
  const given = rows as readonly Record<string, unknown>[];
  const columns = metadata.columns.filter((column) => !column.isVirtual && given.some((row) => row[column.propertyName] !== undefined));
  const values: unknown[] = [];
  const tuples = given.map((row) => {
    const placeholders = columns.map((column) => {
      const value = row[column.propertyName];
      if (value === undefined) return 'DEFAULT';
      values.push(column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value);
      return `$${values.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
  return { text: `INSERT INTO "${metadata.tableName}" (${names}) VALUES ${tuples.join(', ')}`, values };
}
