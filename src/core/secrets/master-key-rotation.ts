import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { MasterKeyRing, MasterKeyUnavailableError } from './master-key-ring';
import { SealedSecretColumns, sealedSecretsAmong } from './sealed-secrets';

// Re-seals every registered secret (core/secrets/sealed-secrets.ts) under the current master key,
// while the hub runs. A batch of rows is one short transaction: the rows are locked (FOR UPDATE
// SKIP LOCKED, so a row a hub process is changing is left for the next pass, never waited on), each
// is opened with the key it names and sealed again, and the batch commits. Rows already under the
// current key are never touched, so a run that stops half way loses nothing and the next run goes
// on where it stopped. Readers are never blocked: a process holding both keys opens the old seal
// or the new one, whichever it reads.

export interface RotationOptions {
  /** Rows per transaction. */
  batchSize: number;
  /** Passes over a table for rows skipped because they were locked; they are counted as remaining after the last. */
  passes?: number;
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
      for (let pass = 0; pass < (options.passes ?? 3); pass++) {
        let after: string | undefined;
        for (;;) {
          const batch = await this.dataSource.transaction((manager) => this.resealBatch(manager, family, current.id, after, options.batchSize, unopenable));
          resealed += batch.resealed;
          if (batch.resealed > 0) options.onBatch?.({ table: family.table, resealed });
          if (batch.last === undefined || batch.seen < options.batchSize) break;
          after = batch.last;
        }
        const left = await this.remaining(family, current.id);
        if (left.reduce((n, r) => n + r.rows, 0) <= unopenable.size) break;
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

  // One transaction: the next rows (by id) not under the current key, locked; those a hub process
  // holds are skipped and met again on the next pass.
  private async resealBatch(
    manager: EntityManager,
    family: Family,
    currentKeyId: string,
    after: string | undefined,
    batchSize: number,
    unopenable: Map<string, string>,
  ): Promise<{ seen: number; resealed: number; last?: string }> {
    const { target, idProperty, columns } = family;
    const query = manager
      .createQueryBuilder(target, 't')
      .where(`t.${columns.keyIdProperty} IS DISTINCT FROM :current`, { current: currentKeyId })
      .andWhere(`t.${columns.sealedProperty} IS NOT NULL`);
    if (after !== undefined) query.andWhere(`t.${idProperty} > :after`, { after });
    const rows: ObjectLiteral[] = await query.orderBy(`t.${idProperty}`, 'ASC').limit(batchSize).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
    let resealed = 0;
    for (const row of rows) {
      const id = String(row[idProperty]);
      let changes: ObjectLiteral;
      try {
        changes = columns.reseal(row, this.ring);
      } catch (error) {
        if (!(error instanceof MasterKeyUnavailableError)) throw error;
        unopenable.set(id, error.message);
        continue;
      }
      await manager.update(target, { [idProperty]: row[idProperty] }, changes);
      unopenable.delete(id);
      resealed += 1;
    }
    return { seen: rows.length, resealed, last: rows.length > 0 ? String(rows[rows.length - 1][idProperty]) : undefined };
  }

  private async remaining(family: Family, currentKeyId: string): Promise<{ keyId: string | null; rows: number }[]> {
    const { target, columns } = family;
    const rows: { keyId: string | null; rows: number }[] = await this.dataSource
      .createQueryBuilder(target, 't')
      .select(`t.${columns.keyIdProperty}`, 'keyId')
      .addSelect('count(*)::int', 'rows')
      .where(`t.${columns.keyIdProperty} IS DISTINCT FROM :current`, { current: currentKeyId })
      .andWhere(`t.${columns.sealedProperty} IS NOT NULL`)
      .groupBy(`t.${columns.keyIdProperty}`)
      .orderBy(`t.${columns.keyIdProperty}`)
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
