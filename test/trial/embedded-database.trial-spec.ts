import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { HubMode } from '../../src/core/config/hub-mode';
import { createDataSource } from '../../src/core/database/data-source';
import { EmbeddedPool } from '../../src/core/database/embedded/embedded-pool';
import { EmbeddedPostgres } from '../../src/core/database/embedded/embedded-postgres';
import { PendingEffects } from '../../src/core/unit-of-work/pending-effects';
import { freshTrialDataDir } from '../support/trial-data';

const PROBE = 'CREATE TABLE IF NOT EXISTS trial_probe (id text PRIMARY KEY, n int NOT NULL DEFAULT 0)';

// TypeORM and BullMQ both reach the embedded database through node-postgres clients that share
// its one session: these specs show the lease keeps their transactions apart, where sharing the
// session without it (what typeorm-pglite and PGlite's own pg adapter do) loses committed rows.
describe('the embedded database: one session, transactions kept apart', () => {
  const dataDir = process.env.HUB_DATA_DIR!;

  describe('two connections: A begins and inserts, B inserts on its own, A rolls back', () => {
    const insert = (client: Client, id: string) => client.query('INSERT INTO trial_probe (id) VALUES ($1)', [id]);

    it('without the lease (two stock pg connections on one PGlite), B is told its row is in and loses it', async () => {
      const pglite = new PGlite(join(freshTrialDataDir('control'), 'pgdata'));
      const [a, b] = [new Client(createPgConfig(pglite) as object), new Client(createPgConfig(pglite) as object)];
      try {
        await a.connect();
        await b.connect();
        await a.query(PROBE);
        await a.query('BEGIN');
        await insert(a, 'from-a');
        // Never concurrent with A's statements: PGlite mixes up the answers of overlapping ones.
        expect((await insert(b, 'from-b')).rowCount).toBe(1);
        await a.query('ROLLBACK');
        expect((await b.query('SELECT id FROM trial_probe')).rows).toEqual([]);
      } finally {
        await a.end();
        await b.end();
        await pglite.close();
      }
    });

    it('with the lease, B waits until A has rolled back, and its row stays', async () => {
      const pool = new EmbeddedPool({ dataDir });
      const [a, b] = [await pool.connect(), await pool.connect()];
      try {
        await a.query(PROBE);
        await a.query('DELETE FROM trial_probe');
        await a.query('BEGIN');
        await insert(a, 'from-a');
        let bAnswered = false;
        const fromB = insert(b, 'from-b').then((result) => {
          bAnswered = true;
          return result;
        });
        // A's own round trips, while B waits.
        for (let i = 0; i < 5; i++) await a.query('SELECT pg_sleep(0.01)');
        expect(bAnswered).toBe(false);
        await a.query('ROLLBACK');
        expect((await fromB).rowCount).toBe(1);
        expect((await a.query('SELECT id FROM trial_probe')).rows).toEqual([{ id: 'from-b' }]);
      } finally {
        a.release();
        b.release();
        await pool.end();
      }
    });
  });

  describe('through TypeORM, as the hub uses it', () => {
    let dataSource: DataSource;

    beforeAll(async () => {
      dataSource = createDataSource({ mode: HubMode.TRIAL, dataDir });
      await dataSource.initialize();
      await dataSource.query(PROBE);
    });

    afterAll(async () => {
      await dataSource.destroy();
    });

    beforeEach(async () => {
      await dataSource.query('DELETE FROM trial_probe');
    });

    it('runs with the buffer pool HUB_TRIAL_SHARED_BUFFERS names (16MB in the test runs), and 128MB when it is unset', async () => {
      expect(process.env.HUB_TRIAL_SHARED_BUFFERS).toBe('16MB');
      expect(await dataSource.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
      const set = process.env.HUB_TRIAL_SHARED_BUFFERS;
      delete process.env.HUB_TRIAL_SHARED_BUFFERS;
      const unset = createDataSource({ mode: HubMode.TRIAL, dataDir: freshTrialDataDir('default-pool') });
      try {
        await unset.initialize();
        expect(await unset.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '128MB' }]);
      } finally {
        process.env.HUB_TRIAL_SHARED_BUFFERS = set;
        if (unset.isInitialized) await unset.destroy();
      }
    });

    it('keeps every committed row of 120 concurrent writers when a third of the transactions roll back', async () => {
      const pause = () => new Promise((r) => setTimeout(r, Math.floor(Math.random() * 4)));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 120 }, async (_, i) => {
          if (i % 4 === 3) {
            // A statement outside any transaction, between the others.
            await dataSource.query('INSERT INTO trial_probe (id) VALUES ($1)', [`plain-${i}`]);
            return;
          }
          await dataSource.transaction(async (manager) => {
            await manager.query('INSERT INTO trial_probe (id) VALUES ($1)', [`tx-${i}`]);
            await pause();
            // The locks the hub takes: an advisory lock and a row lock, held to the end.
            await manager.query('SELECT pg_advisory_xact_lock(42)');
            await manager.query(`SELECT id FROM trial_probe WHERE id = $1 FOR UPDATE`, [`tx-${i}`]);
            await pause();
            await manager.query(`UPDATE trial_probe SET n = n + 1 WHERE id = $1`, [`tx-${i}`]);
            if (i % 3 === 0) throw new Error(`roll back ${i}`);
          });
        }),
      );
      const expected = Array.from({ length: 120 }, (_, i) => i)
        .filter((i) => i % 4 === 3 || i % 3 !== 0)
        .map((i) => (i % 4 === 3 ? `plain-${i}` : `tx-${i}`))
        .sort();
      const rows: { id: string; n: number }[] = await dataSource.query('SELECT id, n FROM trial_probe ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(expected);
      expect(rows.filter((r) => r.id.startsWith('tx-')).every((r) => r.n === 1)).toBe(true);
      const rejected = outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason.message));
      expect(rejected).toHaveLength(120 - expected.length);
      expect(rejected.every((m) => m.startsWith('roll back'))).toBe(true);
    });

    it('rolls back to a savepoint in a nested transaction and keeps the rest', async () => {
      await dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO trial_probe (id) VALUES ('outer')`);
        await manager.transaction(async (inner) => {
          await inner.query(`INSERT INTO trial_probe (id) VALUES ('inner')`);
          await inner.query(`INSERT INTO trial_probe (id) VALUES ('outer')`).catch(() => undefined);
        }).catch(() => undefined);
        await manager.query(`INSERT INTO trial_probe (id) VALUES ('after')`);
      });
      expect((await dataSource.query('SELECT id FROM trial_probe ORDER BY id')).map((r: { id: string }) => r.id)).toEqual(['after', 'outer']);
    });

    // A batch of certificates opens a savepoint an item, and releases the one before in the same
    // statement (PendingEffects.savepoint): two statements in one simple query, also after a failure.
    it('runs the unit of work\'s savepoints: a release sent with the next opening, a rollback with its release', async () => {
      await dataSource.transaction(async (manager) => {
        const effects = new PendingEffects(manager, new Map());
        await effects.savepoint(async (tx) => tx.manager.query(`INSERT INTO trial_probe (id) VALUES ('first')`));
        await expect(effects.savepoint(async (tx) => tx.manager.query(`INSERT INTO trial_probe (id) VALUES ('first')`))).rejects.toThrow(QueryFailedError);
        await effects.savepoint(async (tx) => tx.manager.query(`INSERT INTO trial_probe (id) VALUES ('third')`));
        await manager.query(`INSERT INTO trial_probe (id) VALUES ('after')`);
      });
      expect((await dataSource.query('SELECT id FROM trial_probe ORDER BY id')).map((r: { id: string }) => r.id)).toEqual(['after', 'first', 'third']);
    });

    it('fails a statement made on another connection inside a transaction like a lock timeout, and the transaction goes on', async () => {
      const handle = EmbeddedPostgres.use(dataDir);
      const database = await handle.database;
      const limit = database.waitLimitMs;
      database.waitLimitMs = 300;
      try {
        await dataSource.transaction(async (manager) => {
          await manager.query(`INSERT INTO trial_probe (id) VALUES ('kept')`);
          // With one session this would wait for the transaction, which waits for it: forever.
          for (const outside of [() => dataSource.query('SELECT 1'), () => dataSource.query('SELECT $1::int AS n', [1])]) {
            const refused = await outside().then(
              () => undefined,
              (error: unknown) => error,
            );
            expect(refused).toBeInstanceOf(QueryFailedError);
            expect((refused as QueryFailedError).driverError).toMatchObject({ code: '55P03' });
          }
          await manager.query(`UPDATE trial_probe SET n = 7 WHERE id = 'kept'`);
        });
      } finally {
        database.waitLimitMs = limit;
        await handle.release();
      }
      expect(await dataSource.query('SELECT id, n FROM trial_probe')).toEqual([{ id: 'kept', n: 7 }]);
      expect(await dataSource.query('SELECT $1::int AS n', [2])).toEqual([{ n: 2 }]);
    });
  });
});
