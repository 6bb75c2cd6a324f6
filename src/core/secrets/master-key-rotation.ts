import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { plannedPerCall } from '../database/prepared-statements';
import { MasterKeyRing, MasterKeyUnavailableError } from './master-key-ring';
import { SealedSecretColumns, sealedSecretsAmong } from './sealed-secrets';

// Re-seals every registered secret (core/secrets/sealed-secrets.ts) under the current master key,
// while the hub runs. A batch of rows is one short transaction: the rows are locked FOR NO KEY
// UPDATE SKIP LOCKED (a row a hub process holds is left for later, never waited on; foreign keys
// pointing at it are not blocked), each is opened with the key it names and sealed again, and the
// batch commits. The rows left because they were busy (a key read FOR SHARE while it signs) are then
// taken one at a time, waiting for each at most `lockWaitMs`: a signing transaction is short, and
// while the rotation waits, the signers queued behind it wait no longer than that either. Rows
// already under the current key are never touched, so a run that stops half way loses nothing and
// the next run goes on where it stopped. Readers are never blocked: a process holding both keys
// opens the old seal or the new one, whichever it reads.

export interface RotationOptions {
  /** Rows per transaction. */
  batchSize: number;
  /** How long to wait for one busy row before leaving it under the old key (reported as remaining). */
  lockWaitMs: number;
  /** Told after each committed batch. */
  onBatch?: (progress: { table: string; resealed: number }) => void;
}

export interface SealedTableReport {
  table: string;
  label: string;
  /** Rows re-sealed under the current key by this run. */
  resealed: number;
  /** Rows neither held key opens: their id and why. */
  unopenable: { id: string; reason: string }[];
  /** Rows still not under the current key after the run, by the key they are sealed under (null: sealed before keys were named). */
  remaining: { keyId: string | null; rows: number }[];
}

export interface RotationReport {
  currentKeyId: string;
  previousKeyId?: string;
  tables: SealedTableReport[];
}

/** True when every registered secret is sealed under the current key. */
export function rotationComplete(report: RotationReport): boolean {
  return report.tables.every((table) => table.remaining.length === 0 && table.unopenable.length === 0);
}

export class MasterKeyRotation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ring: MasterKeyRing,
  ) {}

  /** What is sealed under which key, without changing anything. */
  async report(): Promise<RotationReport> {
    const current = this.ring.sealing();
    const tables: SealedTableReport[] = [];
    for (const family of this.families()) {
      tables.push({ table: family.table, label: family.columns.label, resealed: 0, unopenable: [], remaining: await this.remaining(family, current.id) });
    }
    return { currentKeyId: current.id, previousKeyId: this.ring.previous?.id, tables };
  }

  async run(options: RotationOptions): Promise<RotationReport> {
    const current = this.ring.sealing();
    const tables: SealedTableReport[] = [];
    for (const family of this.families()) {
      const unopenable = new Map<string, string>();
      let resealed = 0;
      const told = (n: number): void => {
        resealed += n;
        if (n > 0) options.onBatch?.({ table: family.table, resealed });
      };
      let after: string | undefined;
      for (;;) {
        const batch = await this.dataSource.transaction((manager) => this.resealBatch(manager, family, current.id, { after, limit: options.batchSize }, unopenable));
        told(batch.resealed);
        if (batch.last === undefined || batch.seen < options.batchSize) break;
        after = batch.last;
      }
      // What was busy: one row at a time, waiting a little for each.
      for (const id of await this.busyIds(family, current.id, unopenable)) {
        try {
          const one = await this.dataSource.transaction(async (manager) => {
            await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [`${options.lockWaitMs}ms`]);
            return this.resealBatch(manager, family, current.id, { id, wait: true, limit: 1 }, unopenable);
          });
          told(one.resealed);
        } catch (error) {
          // 55P03 lock_not_available: still held after the wait; it stays under its key and is reported.
          if ((error as { driverError?: { code?: string } }).driverError?.code !== '55P03') throw error;
        }
      }
      tables.push({
        table: family.table,
        label: family.columns.label,
        resealed,
        unopenable: [...unopenable].map(([id, reason]) => ({ id, reason })),
        remaining: await this.remaining(family, current.id),
      });
    }
    return { currentKeyId: current.id, previousKeyId: this.ring.previous?.id, tables };
  }

  private families(): Family[] {
    return sealedSecretsAmong(this.dataSource.entityMetadatas.map((m) => m.target)).map(({ target, columns }) => {
      const metadata = this.dataSource.getMetadata(target);
      if (metadata.primaryColumns.length !== 1) throw new Error(`${metadata.tableName}: a table of sealed secrets needs a single-column primary key`);
      return { target, table: metadata.tableName, idProperty: metadata.primaryColumns[0].propertyName, columns };
    });
  }

  // One transaction: the next rows (by id) not under the current key, locked; without `wait`, those
  // a hub process holds are skipped.
  private async resealBatch(
    manager: EntityManager,
    family: Family,
    currentKeyId: string,
    select: { after?: string; id?: string; wait?: boolean; limit: number },
    unopenable: Map<string, string>,
  ): Promise<{ seen: number; resealed: number; last?: string }> {
    const { target, idProperty, columns } = family;
    const query = this.pending(manager.createQueryBuilder(target, 't'), family, currentKeyId);
    if (select.after !== undefined) query.andWhere(`t.${idProperty} > :after`, { after: select.after });
    if (select.id !== undefined) query.andWhere(`t.${idProperty} = :id`, { id: select.id });
    query.orderBy(`t.${idProperty}`, 'ASC').limit(select.limit).setLock('for_no_key_update');
    if (!select.wait) query.setOnLocked('skip_locked');
    const rows: ObjectLiteral[] = await query.getMany();
    const resealed: { id: unknown; changes: ObjectLiteral }[] = [];
    for (const row of rows) {
      const id = String(row[idProperty]);
      try {
        resealed.push({ id: row[idProperty], changes: columns.reseal(row, this.ring) });
        unopenable.delete(id);
      } catch (error) {
        if (!(error instanceof MasterKeyUnavailableError)) throw error;
        unopenable.set(id, error.message);
      }
    }
    await this.write(manager, family, resealed);
    return { seen: rows.length, resealed: resealed.length, last: rows.length > 0 ? String(rows[rows.length - 1][idProperty]) : undefined };
  }

  // One plain UPDATE of the sealed columns alone for the batch (the values as arrays, one element per
  // row): a re-seal changes nothing the owner sees, so neither the row's version (optimistic
  // concurrency, ETags) nor its updated_at moves.
  private async write(manager: EntityManager, family: Family, rows: { id: unknown; changes: ObjectLiteral }[]): Promise<void> {
    if (rows.length === 0) return;
    const metadata = this.dataSource.getMetadata(family.target);
    const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
    const columnOf = (property: string): ColumnMetadata => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${family.table}: the re-seal wrote "${property}", which is no column`);
      return column;
    };
    const properties = Object.keys(rows[0].changes);
    if (rows.some((row) => Object.keys(row.changes).join() !== properties.join())) throw new Error(`${family.table}: the re-seal wrote other columns for some rows`);
    const id = metadata.primaryColumns[0];
    const columns = [id, ...properties.map(columnOf)];
    const arrays = [rows.map((row) => row.id), ...properties.map((property) => rows.map((row) => row.changes[property] as unknown))];
    const unnest = columns.map((column, i) => `$${i + 1}::${this.dataSource.driver.normalizeType(column)}[]`).join(', ');
    const names = columns.map((_, i) => `c${i}`);
    await manager.query(
      plannedPerCall(`UPDATE ${quote(family.table)} AS t SET ${columns
        .slice(1)
        .map((column, i) => `${quote(column.databaseName)} = v.${names[i + 1]}`)
        .join(', ')} FROM unnest(${unnest}) AS v(${names.join(', ')}) WHERE t.${quote(id.databaseName)} = v.c0`),
      arrays,
    );
  }

  // The rows of a table not sealed under the current key.
  private pending<Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q, family: Family, currentKeyId: string): Q {
    return query
      .where(`t.${family.columns.keyIdProperty} IS DISTINCT FROM :current`, { current: currentKeyId })
      .andWhere(`t.${family.columns.sealedProperty} IS NOT NULL`);
  }

  private async busyIds(family: Family, currentKeyId: string, unopenable: Map<string, string>): Promise<string[]> {
    const rows: { id: unknown }[] = await this.pending(this.dataSource.createQueryBuilder(family.target, 't'), family, currentKeyId)
      .select(`t.${family.idProperty}`, 'id')
      .orderBy(`t.${family.idProperty}`)
      .getRawMany();
    return rows.map((r) => String(r.id)).filter((id) => !unopenable.has(id));
  }

  private async remaining(family: Family, currentKeyId: string): Promise<{ keyId: string | null; rows: number }[]> {
    const key = `t.${family.columns.keyIdProperty}`;
    const rows: { keyId: string | null; rows: number }[] = await this.pending(this.dataSource.createQueryBuilder(family.target, 't'), family, currentKeyId)
      .select(key, 'keyId')
      .addSelect('count(*)::int', 'rows')
      .groupBy(key)
      .orderBy(key)
      .getRawMany();
    return rows;
  }
}

interface Family {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- an entity class of any shape
  target: Function;
  table: string;
  idProperty: string;
  columns: SealedSecretColumns<object>;
}
