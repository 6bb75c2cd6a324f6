import * as pg from 'pg';
import { runMigrations } from '../../src/core/database/migrate';

// The RoomForHeapOnlyUpdates migration: pages of the tables whose rows are updated soon after their
// insert keep room for the new version, and the audit chain's unique index holds chained entries only.
describe('room for heap-only updates', () => {
  let client: pg.Client;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL as string);
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  async function fillFactorOf(table: string): Promise<string | null> {
    const { rows } = await client.query(
      `SELECT (SELECT option_value FROM pg_options_to_table(reloptions) WHERE option_name = 'fillfactor') AS fillfactor FROM pg_class WHERE oid = $1::regclass`,
      [table],
    );
    expect(rows).toHaveLength(1);
    return rows[0].fillfactor;
  }

  it('leaves room in the pages of certificates and delivery attempts, and none in tables written once', async () => {
    expect(await fillFactorOf('certificates')).toBe('70');
    expect(await fillFactorOf('delivery_attempts')).toBe('80');
    // Appended and never updated: filled to the brim as before.
    expect(await fillFactorOf('certificate_events')).toBeNull();
    expect(await fillFactorOf('verifications')).toBeNull();
  });

  it('indexes none of the columns the receipt of a local delivery writes, so that it can stay in its page', async () => {
    // What the local receipt writes (ReceivedCertificatesService), and a customs response after it
    // (ImportStatusService): the import status, the version and the time.
    const { rows } = await client.query(
      `SELECT DISTINCT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
        WHERE i.indrelid = 'certificates'::regclass`,
    );
    const indexed = rows.map((r) => r.attname as string);
    expect(indexed).toContain('status');
    for (const column of ['import_status', 'version', 'updated_at']) expect(indexed).not.toContain(column);
    // Nor does any partial index's condition or expression index read them.
    const { rows: conditions } = await client.query(
      `SELECT coalesce(pg_get_expr(indpred, indrelid), '') || coalesce(pg_get_expr(indexprs, indrelid), '') AS text FROM pg_index WHERE indrelid = 'certificates'::regclass`,
    );
    for (const { text } of conditions) expect(text).not.toMatch(/import_status|version|updated_at/);
  });

  it('gives the audit chain a unique place per chained entry, and no index entry to one still waiting', async () => {
    const { rows } = await client.query(`SELECT pg_get_indexdef('uq_audit_log_seq'::regclass) AS definition`);
    expect(rows[0].definition).toBe('CREATE UNIQUE INDEX uq_audit_log_seq ON public.audit_log USING btree (seq) WHERE (seq IS NOT NULL)');
  });
});
