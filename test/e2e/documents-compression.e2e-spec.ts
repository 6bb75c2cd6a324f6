import { randomUUID } from 'node:crypto';
import * as pg from 'pg';
import { runMigrations } from '../../src/core/database/migrate';
import { LZ4_COLUMNS } from '../../src/core/database/migrations/1796610000000-DocumentsCompressedWithLz4';

describe('documents, signatures and envelopes compressed with LZ4 where the server offers it', () => {
  let client: pg.Client;
  let lz4: boolean;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL as string);
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const [row] = (await client.query("SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'")).rows;
    lz4 = row?.lz4 === true;
  });

  afterAll(async () => {
    await client.end();
  });

  async function compressionOf(table: string, column: string): Promise<string> {
    const { rows } = await client.query('SELECT attcompression FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2 AND NOT attisdropped', [table, column]);
    expect(rows).toHaveLength(1);
    return rows[0].attcompression;
  }

  it('sets every listed column to LZ4 (l), or leaves it to the server default where LZ4 is not built in', async () => {
    for (const [table, columns] of Object.entries(LZ4_COLUMNS)) {
      for (const column of columns) expect(`${table}.${column}: ${await compressionOf(table, column)}`).toBe(`${table}.${column}: ${lz4 ? 'l' : ''}`);
    }
    // A column not listed keeps the server default.
    expect(await compressionOf('certificate_events', 'data')).toBe('');
  });

  it('stores a large document compressed with it and reads it back unchanged', async () => {
    // Repetitive like a certificate's items: compressible, and beyond the size at which a row's values are compressed.
    const body = { items: Array.from({ length: 200 }, (_, i) => ({ line: i + 1, hsCode: '0810.60', description: 'Fresh durian, whole', quantity: { value: 1200.5, unit: 'KGM' } })) };
    const caller = `compression-spec-${randomUUID()}`;
    await client.query("INSERT INTO idempotency_keys (caller, key, request_hash, response_status, response_body) VALUES ($1, 'k', repeat('0', 64), 200, $2)", [caller, JSON.stringify(body)]);
    try {
      const { rows } = await client.query('SELECT pg_column_compression(response_body) AS method, response_body FROM idempotency_keys WHERE caller = $1', [caller]);
      expect(rows[0].response_body).toEqual(body);
      expect(rows[0].method).toBe(lz4 ? 'lz4' : 'pglz');
    } finally {
      await client.query('DELETE FROM idempotency_keys WHERE caller = $1', [caller]);
    }
  });
});
