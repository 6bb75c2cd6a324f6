import { randomBytes } from 'node:crypto';
import * as pg from 'pg';
import { PreparingPoolConfig, StatementNames, preparingPgDriver } from '../../src/core/database/prepared-statements';

const TABLE = `replanning_spec_${randomBytes(3).toString('hex')}`;

// A named statement keeps the plan PostgreSQL made while its table was small; where nothing analyses
// the table (autovacuum off: here, off for this table), only making the plans afresh lets it follow
// the table's growth (prepared-statements.ts, ReplanSchedule).
describe('named statements: a connection makes its plans afresh as its calls double', () => {
  let plain: pg.Client;
  let pool: pg.Pool;

  beforeAll(async () => {
    plain = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await plain.connect();
    await plain.query(`CREATE TABLE ${TABLE} (id serial PRIMARY KEY, grp int NOT NULL, pad text) WITH (autovacuum_enabled = off)`);
    await plain.query(`CREATE INDEX ON ${TABLE} (grp)`);
    await plain.query(`INSERT INTO ${TABLE} (grp, pad) SELECT g, 'x' FROM generate_series(1, 20) g`);
    await plain.query(`VACUUM ANALYZE ${TABLE}`);
    // Calls 16, 32, 64 ... of the connection come after DISCARD PLANS.
    pool = new (preparingPgDriver().Pool)({ connectionString: process.env.DATABASE_URL, max: 1, replanFirst: 16 } as PreparingPoolConfig);
  });

  afterAll(async () => {
    await plain.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await plain.end();
    await pool.end();
  });

  const text = `SELECT count(*)::int AS n FROM ${TABLE} WHERE grp = $1`;
  const name = new StatementNames().nameOf(text);
  // The plan the connection would run the named statement by, as EXPLAIN EXECUTE shows it.
  const plan = async () => ((await pool.query(`EXPLAIN EXECUTE "${name}"(5)`)).rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');

  it('reads a grown table by its index once the calls since the last plans doubled, and answers the same throughout', async () => {
    for (let call = 1; call <= 10; call++) expect((await pool.query(text, [5])).rows).toEqual([{ n: 1 }]);
    expect(await plan()).toMatch(/Seq Scan on/);

    await plain.query(`INSERT INTO ${TABLE} (grp, pad) SELECT g, repeat('x', 200) FROM generate_series(21, 60000) g`);
    // Call 11: the plan kept from the small table still scans all of it.
    expect((await pool.query(text, [5])).rows).toEqual([{ n: 1 }]);
    expect(await plan()).toMatch(/Seq Scan on/);

    // Calls 12 to 16: the sixteenth is sent after DISCARD PLANS.
    for (let call = 12; call <= 16; call++) expect((await pool.query(text, [5])).rows).toEqual([{ n: 1 }]);
    const fresh = await plan();
    expect(fresh).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    expect(fresh).not.toMatch(/Seq Scan/);
  });

  it('answers inside a transaction while its plans are made afresh, and in a failed one fails only as any statement would', async () => {
    const client = await pool.connect();
    try {
      // Calls 17 to 36 of the connection: DISCARD PLANS goes before the 32nd, inside the transaction.
      await client.query('BEGIN');
      for (let call = 17; call <= 36; call++) expect((await client.query(text, [5])).rows).toEqual([{ n: 1 }]);
      await client.query('COMMIT');
      // Calls 37 to 80: the one before the 64th is refused with the transaction, the statement says why.
      await client.query('BEGIN');
      await expect(client.query('SELECT 1 / $1::int AS q', [0])).rejects.toMatchObject({ code: '22012' });
      for (let call = 38; call <= 80; call++) await expect(client.query(text, [5])).rejects.toMatchObject({ code: '25P02' });
      await client.query('ROLLBACK');
      expect((await client.query(text, [5])).rows).toEqual([{ n: 1 }]);
    } finally {
      client.release();
    }
    expect(await plan()).not.toMatch(/Seq Scan/);
  });
});
