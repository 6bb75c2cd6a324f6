import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { OWN_BY_ID } from '../../src/certificates/certificate-store';
import { autovacuumWarning, runMigrations } from '../../src/core/database/migrate';
import { plannedPerCall, preparingPgDriver } from '../../src/core/database/prepared-statements';

// Plans PostgreSQL makes for the hub's statements. First, what the server-mode driver does with a
// statement that joins a list to a table that grows after the statement's first calls, with no
// ANALYZE in between (as on a server with autovacuum off): named, PostgreSQL may keep the plan it
// made while the table was small, which reads the whole table on every later call; marked
// plannedPerCall, each call is planned on the table as it is, and finds its rows by the primary key.
const TABLE = `planned_spec_${randomBytes(3).toString('hex')}`;
const JOIN = `UPDATE ${TABLE} AS t SET n = t.n + 1 FROM unnest($1::uuid[]) AS v(id) WHERE t.id = v.id`;
// The same statement as another text (named statements are told apart by their text).
const JOIN_PER_CALL = plannedPerCall(`UPDATE ${TABLE} AS t SET n = t.n + 2 FROM unnest($1::uuid[]) AS v(id) WHERE t.id = v.id`);
const GROWN_TO = 20_000;

describe('statements planned per call (core/database/prepared-statements.ts) on real PostgreSQL', () => {
  let pool: Pool;
  let client: PoolClient;
  let ids: string[];

  /**
   * Scans of the table by the statement, in a transaction rolled back after. Whether PostgreSQL keeps
   * a named statement's generic plan after its fifth call depends on its cost estimates: with
   * `keptPlan` it keeps it from the first call (plan_cache_mode), so what a kept plan does is seen
   * every time. Otherwise the setting is the hub's, the default.
   */
  async function scansBy(text: string, keptPlan = false): Promise<{ seqTupRead: number; idxScan: number; updated: number }> {
    await client.query(keptPlan ? 'SET plan_cache_mode = force_generic_plan' : 'RESET plan_cache_mode');
    // This session's counts not yet flushed to the statistics include earlier transactions': the
    // statement's own are the difference across it.
    const counts = async () => {
      const { rows } = await client.query<{ seq_tup_read: string; idx_scan: string }>('SELECT seq_tup_read, idx_scan FROM pg_stat_xact_user_tables WHERE relname = $1', [TABLE]);
      return { seqTupRead: Number(rows[0].seq_tup_read), idxScan: Number(rows[0].idx_scan) };
    };
    await client.query('BEGIN');
    try {
      const before = await counts();
      const result = await client.query(text, [ids.slice(0, 3)]);
      const after = await counts();
      return { seqTupRead: after.seqTupRead - before.seqTupRead, idxScan: after.idxScan - before.idxScan, updated: result.rowCount ?? 0 };
    } finally {
      await client.query('ROLLBACK');
    }
  }

  beforeAll(async () => {
    // One connection, so that the statements' plans are the ones this connection keeps.
    const { Pool: PreparingPool } = preparingPgDriver();
    pool = new PreparingPool({ connectionString: process.env.DATABASE_URL, max: 1 });
    client = await pool.connect();
    await client.query(`CREATE TABLE ${TABLE} (id uuid PRIMARY KEY, n int NOT NULL DEFAULT 0)`);
    // A few hundred rows, as delivery_attempts held when the worker's acknowledgements kept a plan.
    ids = Array.from({ length: 500 }, () => randomUUID());
    await client.query(`INSERT INTO ${TABLE} (id) SELECT unnest($1::uuid[])`, [ids]);
    // Calls while the table is small.
    await client.query('SET plan_cache_mode = force_generic_plan');
    for (let i = 0; i < 3; i++) await client.query(JOIN, [ids.slice(0, 3)]);
    await client.query('RESET plan_cache_mode');
    for (let i = 0; i < 8; i++) await client.query(JOIN_PER_CALL, [ids.slice(0, 3)]);
    await client.query(`INSERT INTO ${TABLE} (id) SELECT gen_random_uuid() FROM generate_series(1, ${GROWN_TO})`);
  });

  afterAll(async () => {
    await client?.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    client?.release();
    await pool?.end();
  });

  it('keeps a named statement on the connection, and sends a statement marked plannedPerCall unnamed', async () => {
    const { rows } = await client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
    const kept = rows.map((row) => row.statement);
    expect(kept).toContain(JOIN);
    expect(kept).not.toContain(JOIN_PER_CALL);
  });

  it('reads the whole grown table with a generic plan made while it was small, as a named statement may keep', async () => {
    const scans = await scansBy(JOIN, true);
    expect(scans.updated).toBe(3);
    expect(scans.seqTupRead).toBeGreaterThanOrEqual(GROWN_TO);
  });

  it('finds the rows of a statement planned per call by the primary key, the grown table unread', async () => {
    const scans = await scansBy(JOIN_PER_CALL);
    expect(scans.updated).toBe(3);
    expect(scans.seqTupRead).toBe(0);
    expect(scans.idxScan).toBeGreaterThanOrEqual(1);
  });
});

describe('the issuer reading its own certificate by id (certificates/certificate-store.ts)', () => {
  let pool: Pool;
  let client: PoolClient;

  beforeAll(async () => {
    pool = new (preparingPgDriver().Pool)({ connectionString: process.env.DATABASE_URL, max: 1 });
    client = await pool.connect();
  });

  afterAll(async () => {
    client?.release();
    await pool?.end();
  });

  /** The generic plan PostgreSQL makes for the condition on the migrated certificates table, as a named statement may keep. */
  async function genericPlan(condition: string): Promise<string> {
    const name = `own_${randomBytes(4).toString('hex')}`;
    await client.query('SET plan_cache_mode = force_generic_plan');
    try {
      await client.query(`PREPARE ${name}(uuid, uuid) AS SELECT * FROM certificates WHERE ${condition}`);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE ${name}('${randomUUID()}', '${randomUUID()}')`);
      await client.query(`DEALLOCATE ${name}`);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.query('RESET plan_cache_mode');
    }
  }

  // With `=` on the authority, the generic plan took an index that leads with the authority
  // (uq_certificates_identity on an empty table, ix_certificates_issuer_created on one with rows)
  // and read every certificate of the authority: which one depends on the rows, so it is not asserted.
  it('finds the row by its primary key in a generic plan', async () => {
    const plan = await genericPlan(OWN_BY_ID);
    expect(plan).toContain('Index Cond: (id = $1)');
    expect(plan).toContain('pk_certificates');
    expect(plan).not.toContain('uq_certificates_identity');
  });
});

describe('what a hub says at start about the database server', () => {
  it('warns when PostgreSQL runs with autovacuum off, as this server says it does', async () => {
    const { Pool: PreparingPool } = preparingPgDriver();
    const pool = new PreparingPool({ connectionString: process.env.DATABASE_URL, max: 1 });
    try {
      const { rows } = await pool.query<{ autovacuum: string }>(`SELECT current_setting('autovacuum') AS autovacuum`);
      const migrated = await runMigrations(process.env.DATABASE_URL as string);
      expect(migrated.applied).toEqual([]);
      expect(migrated.warnings).toEqual(rows[0].autovacuum === 'off' ? [autovacuumWarning('off')] : []);
    } finally {
      await pool.end();
    }
  });
});
