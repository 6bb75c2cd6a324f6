import { randomBytes } from 'node:crypto';
import * as pg from 'pg';
import { preparingPgDriver } from '../../src/core/database/prepared-statements';
import { ShapedResult } from '../../src/core/database/row-shapes';

const TABLE = `row_shapes_spec_${randomBytes(3).toString('hex')}`;

// The kinds of column the hub's tables hold, and some more, each with a value and a NULL.
const COLUMNS = `
  id int PRIMARY KEY, key uuid, name varchar(35), code char(2), note text, flag boolean, big bigint,
  amount numeric(12, 3), ratio double precision, at timestamptz, day date, document jsonb, plain json,
  bytes bytea, ids uuid[], labels text[], numbers int[], spent interval`;
const VALUES = `
  (1, 'b6f3c2a4-93a1-4c6e-9a47-0f0e4b8d1c21', 'KH-MOC-2026-000123', 'KH', 'line one
line two "quoted"', true, 9007199254740993, 1234.5, 0.25, '2026-12-06 10:11:12.345+07', '2026-12-31',
   '{"items": [{"hs": "0810.60", "quantity": 1200.5}], "ok": true, "none": null}', '{"b": 1, "a": [2]}',
   '\\x00ff10', '{b6f3c2a4-93a1-4c6e-9a47-0f0e4b8d1c21}', '{"a,b", "c"}', '{1,NULL,3}', '1 day 02:03:04'),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`;

describe('row shapes: a named statement read through the preparing pool as node-postgres reads it', () => {
  let plain: pg.Client;
  let pool: pg.Pool;

  beforeAll(async () => {
    plain = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await plain.connect();
    await plain.query(`CREATE TABLE ${TABLE} (${COLUMNS})`);
    await plain.query(`INSERT INTO ${TABLE} VALUES ${VALUES}`);
    pool = new (preparingPgDriver().Pool)({ connectionString: process.env.DATABASE_URL, max: 1 });
  });

  afterAll(async () => {
    await plain.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await plain.end();
    await pool.end();
  });

  // The same statement, with parameters, through node-postgres as it comes (unnamed) and through the pool.
  async function both(text: string, values: unknown[]): Promise<[pg.QueryResult, pg.QueryResult]> {
    return [await plain.query(text, values), await pool.query(text, values)];
  }

  // Whether the pool read the result through a RowShape.
  const throughShape = (result: pg.QueryResult) => result instanceof ShapedResult && result.shaped;

  function expectSameRows(stock: pg.QueryResult, shaped: pg.QueryResult): void {
    expect(shaped.rows).toEqual(stock.rows);
    expect(shaped.rows.map((r) => Object.keys(r))).toEqual(stock.rows.map((r) => Object.keys(r)));
    expect(shaped.fields.map((f) => [f.name, f.dataTypeID])).toEqual(stock.fields.map((f) => [f.name, f.dataTypeID]));
    expect(shaped.rowCount).toBe(stock.rowCount);
    expect(shaped.command).toBe(stock.command);
  }

  it('reads every kind of column, and NULL, the same on every call', async () => {
    const text = `SELECT * FROM ${TABLE} WHERE id = ANY($1::int[]) ORDER BY id`;
    // Five calls and more: PostgreSQL plans the named statement generically by then, and the shape is the kept one.
    for (let call = 0; call < 7; call++) {
      const [stock, shaped] = await both(text, [[1, 2]]);
      expectSameRows(stock, shaped);
      expect(shaped.rows).toHaveLength(2);
      expect(throughShape(shaped)).toBe(true);
      expect(throughShape(stock)).toBe(false);
    }
    const [, shaped] = await both(text, [[1]]);
    const row = shaped.rows[0];
    expect(row.big).toBe('9007199254740993');
    expect(row.at).toEqual(new Date('2026-12-06T03:11:12.345Z'));
    expect(row.document).toEqual({ items: [{ hs: '0810.60', quantity: 1200.5 }], ok: true, none: null });
    expect(Buffer.isBuffer(row.bytes) && row.bytes.toString('hex')).toBe('00ff10');
    expect(row.labels).toEqual(['a,b', 'c']);
    expect(row.numbers).toEqual([1, null, 3]);
  });

  it('reads repeated and odd column names as node-postgres does', async () => {
    const text = `SELECT id AS "a", name AS "quote""d", note AS "a", $1::text AS "__proto__", flag AS "constructor" FROM ${TABLE} WHERE id = $2`;
    for (let call = 0; call < 3; call++) {
      const [stock, shaped] = await both(text, ['x', 1]);
      expectSameRows(stock, shaped);
      expect(Object.prototype.hasOwnProperty.call(shaped.rows[0], '__proto__')).toBe(true);
      // A column named __proto__ is left to node-postgres' own reading.
      expect(shaped instanceof ShapedResult && !shaped.shaped).toBe(true);
      expect(Object.getPrototypeOf(shaped.rows[0])).toBe(Object.prototype);
    }
  });

  it('answers an empty result, and a write without rows, as node-postgres does', async () => {
    const [noneStock, noneShaped] = await both(`SELECT id, note FROM ${TABLE} WHERE id = $1`, [99]);
    expectSameRows(noneStock, noneShaped);
    expect(noneShaped.rows).toEqual([]);
    expect(throughShape(noneShaped)).toBe(true);
    const update = `UPDATE ${TABLE} SET note = note WHERE id = $1`;
    const [stock, shaped] = await both(update, [1]);
    expect([shaped.command, shaped.rowCount, shaped.rows]).toEqual([stock.command, stock.rowCount, stock.rows]);
    expect(shaped.rowCount).toBe(1);
  });

  it('fails a statement as node-postgres does, its stack leading back to the caller, and the connection goes on', async () => {
    const text = `SELECT id / $1::int AS q FROM ${TABLE} WHERE id = $2`;
    const [ok] = (await pool.query(text, [1, 1])).rows;
    expect(ok).toEqual({ q: 1 });
    const failure = await pool.query(text, [0, 1]).then(
      () => null,
      (error: Error & { code?: string }) => error,
    );
    expect(failure?.code).toBe('22012');
    expect(failure?.stack).toContain('row-shapes.e2e-spec');
    expect((await pool.query(text, [1, 1])).rows).toEqual([{ q: 1 }]);
  });

  it('asks PostgreSQL for a statement\'s description once per connection, and reads every later call by it', async () => {
    const client = await pool.connect();
    try {
      let descriptions = 0;
      const count = () => descriptions++;
      const connection = (client as unknown as { connection: NodeJS.EventEmitter }).connection;
      connection.on('rowDescription', count);
      const text = `SELECT id, name, document, numbers, at FROM ${TABLE} WHERE id = ANY($1::int[]) ORDER BY id`;
      for (let call = 0; call < 4; call++) {
        const shaped = await client.query(text, [[1, 2]]);
        expectSameRows(await plain.query(text, [[1, 2]]), shaped);
        expect(throughShape(shaped)).toBe(true);
      }
      expect(descriptions).toBe(1);
      // Another statement is described in its turn; a failing call leaves the next one read as before.
      const other = `SELECT id / $1::int AS q FROM ${TABLE} WHERE id = $2 AND id > 0`;
      expect((await client.query(other, [1, 1])).rows).toEqual([{ q: 1 }]);
      await expect(client.query(other, [0, 1])).rejects.toMatchObject({ code: '22012' });
      expect((await client.query(other, [1, 1])).rows).toEqual([{ q: 1 }]);
      expect((await client.query(text, [[2]])).rows).toEqual([{ id: 2, name: null, document: null, numbers: null, at: null }]);
      expect(descriptions).toBe(2);
      connection.off('rowDescription', count);
    } finally {
      client.release();
    }
  });

  it('fails a described statement whose table changed under it, never reading the new row by the old columns', async () => {
    const changing = `${TABLE}_changing`;
    await plain.query(`CREATE TABLE ${changing} (id int PRIMARY KEY, note text)`);
    try {
      await plain.query(`INSERT INTO ${changing} VALUES (1, 'one')`);
      const text = `SELECT * FROM ${changing} WHERE id = $1`;
      for (let call = 0; call < 2; call++) expect((await pool.query(text, [1])).rows).toEqual([{ id: 1, note: 'one' }]);
      await plain.query(`ALTER TABLE ${changing} ADD COLUMN extra text DEFAULT 'added'`);
      await expect(pool.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
      // The pool's connection goes on with other statements.
      expect((await pool.query(`SELECT note FROM ${changing} WHERE id = $1`, [1])).rows).toEqual([{ note: 'one' }]);
    } finally {
      await plain.query(`DROP TABLE IF EXISTS ${changing}`);
    }
  });

  it('fails a described statement whose value cannot be sent as node-postgres fails it', async () => {
    const text = `SELECT $1::text AS said, id FROM ${TABLE} WHERE id = $2`;
    expect((await pool.query(text, ['a', 1])).rows).toEqual([{ said: 'a', id: 1 }]);
    const unsendable = {
      toPostgres() {
        throw new Error('this value refuses to be sent');
      },
    };
    await expect(pool.query(text, [unsendable, 1])).rejects.toThrow('this value refuses to be sent');
    expect((await pool.query(`SELECT id FROM ${TABLE} WHERE id = $1`, [2])).rows).toEqual([{ id: 2 }]);
  });

  it('answers through a callback when one is given', async () => {
    const client = await pool.connect();
    try {
      const result = await new Promise<pg.QueryResult>((resolve, reject) =>
        client.query(`SELECT id, name FROM ${TABLE} WHERE id = $1`, [1], (error: Error | undefined, answer: pg.QueryResult) => (error ? reject(error) : resolve(answer))),
      );
      expect(result.rows).toEqual([{ id: 1, name: 'KH-MOC-2026-000123' }]);
    } finally {
      client.release();
    }
  });

  it("reads through the connection's own type parsers", async () => {
    const client = new (preparingPgDriver().Pool)({ connectionString: process.env.DATABASE_URL, max: 1 });
    try {
      const connection = await client.connect();
      connection.setTypeParser(20, (v: string) => BigInt(v));
      const text = `SELECT big FROM ${TABLE} WHERE id = $1`;
      for (let call = 0; call < 3; call++) {
        const result = await connection.query(text, [1]);
        expect(result.rows).toEqual([{ big: 9007199254740993n }]);
        expect(throughShape(result)).toBe(true);
      }
      connection.release();
    } finally {
      await client.end();
    }
  });
});
