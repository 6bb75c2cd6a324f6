import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { findChainBreak } from '../../src/audit/domain/audit-chain';
import { Clock } from '../../src/core/clock/clock';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { MIGRATIONS } from '../../src/core/database/migrations';
import { AuditSequencer1796470000000 } from '../../src/core/database/migrations/1796470000000-AuditSequencer';
import { auditVerify, waitForAuditChain } from '../support/audit';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(180_000);

// What a hub of the previous release runs against audit_log, word for word: its append (the trigger
// filled in seq, prev_hash and hash) and its chain check.
const PREVIOUS_RELEASE_APPEND = `INSERT INTO audit_log (id, occurred_at, actor, action, entity_type, entity_id, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)`;
const PREVIOUS_RELEASE_CHECK = `SELECT audit_log.seq::text AS seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
                actor, action, entity_type, entity_id, payload, prev_hash, hash
           FROM audit_log WHERE audit_log.seq > $1 ORDER BY audit_log.seq LIMIT $2`;

// The AuditSequencer migration on a database that already holds a chain: what it keeps, what hubs of
// the previous release still do during a rolling upgrade, and what its `down` puts back.
describe('audit log upgrade: the AuditSequencer migration', () => {
  let own: { url: string; restore: () => Promise<void> };
  let pg: Client;
  const upTo = (migrations: unknown[]) => new DataSource({ ...dataSourceOptions(own.url), migrations: migrations as never });
  let before: { seq: string; hash: string }[];

  beforeAll(async () => {
    own = await useOwnDatabase('audit_upgrade', { empty: true });
    process.env.HUB_AUDIT_MAX_DELAY_MS = '200';
    const previous = upTo(MIGRATIONS.slice(0, MIGRATIONS.indexOf(AuditSequencer1796470000000)));
    await previous.initialize();
    await previous.runMigrations({ transaction: 'each' });
    await previous.destroy();
    pg = new Client({ connectionString: own.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg.end();
    delete process.env.HUB_AUDIT_MAX_DELAY_MS;
    await own.restore();
  });

  function appendTheOldWay(action = 'TRADER_REGISTERED'): Promise<unknown> {
    return pg.query(PREVIOUS_RELEASE_APPEND, [randomUUID(), new Date(), 'operator', action, 'trader', `KH-TIN-${randomUUID().slice(0, 8)}`, '{"country":"KH"}']);
  }

  async function checkTheOldWay(): Promise<{ ok: boolean; count: number }> {
    const { rows } = await pg.query(PREVIOUS_RELEASE_CHECK, ['0', 1000]);
    const result = findChainBreak(
      rows.map((r) => ({ seq: r.seq, id: r.id, occurredAt: r.occurred_at, actor: r.actor, action: r.action, entityType: r.entity_type, entityId: r.entity_id, payload: r.payload, prevHash: r.prev_hash, hash: r.hash })),
    );
    return { ok: result.break === undefined, count: result.count };
  }

  async function migrateUp(): Promise<void> {
    const current = upTo(MIGRATIONS);
    await current.initialize();
    await current.runMigrations({ transaction: 'each' });
    await current.destroy();
  }

  it('keeps every entry chained by the previous trigger where it was, verifiable by the same function', async () => {
    for (let i = 0; i < 5; i++) await appendTheOldWay();
    before = (await pg.query('SELECT seq::text AS seq, hash FROM audit_log ORDER BY audit_log.seq')).rows;
    expect(before.map((r) => r.seq)).toEqual(['1', '2', '3', '4', '5']);

    await migrateUp();
    const after = (await pg.query('SELECT seq::text AS seq, hash, arrival_no FROM audit_log ORDER BY audit_log.seq')).rows;
    expect(after.map(({ seq, hash }) => ({ seq, hash }))).toEqual(before);
    expect(after.every((r) => r.arrival_no === null)).toBe(true);
    const dataSource = upTo(MIGRATIONS);
    await dataSource.initialize();
    try {
      expect(await new AuditService(dataSource, new Clock()).verify()).toEqual({ ok: true, checked: 5 });
    } finally {
      await dataSource.destroy();
    }
  });

  it('lets a hub of the previous release keep appending and checking during a rolling upgrade', async () => {
    await appendTheOldWay();
    const { rows } = await pg.query('SELECT seq, prev_hash, hash, arrival_no FROM audit_log WHERE seq IS NULL');
    expect(rows).toEqual([{ seq: null, prev_hash: null, hash: null, arrival_no: '1' }]);
    expect(await checkTheOldWay()).toEqual({ ok: true, count: 5 });
  });

  it('chains what the previous release appended once a worker of this release runs, and its first checkpoint covers every entry', async () => {
    const hub = await TestHub.start();
    try {
      expect(await waitForAuditChain(hub.dataSource)).toEqual({ waiting: 0, head: '6', covered: '6' });
      expect(await hub.count('audit_checkpoints')).toBe(1);
    } finally {
      await hub.close();
    }
    expect(await checkTheOldWay()).toEqual({ ok: true, count: 6 });
    const result = auditVerify(own.url);
    expect(result.stdout).toContain('audit chain intact: 6 entries checked');
    expect(result.status).toBe(0);
  });

  it('goes back down to the previous trigger, chaining first what still waits, and up again', async () => {
    await appendTheOldWay('TRADER_REGISTERED');
    await appendTheOldWay('API_KEY_CREATED');
    const current = upTo(MIGRATIONS);
    await current.initialize();
    try {
      while ((await current.query(`SELECT count(*)::int AS n FROM schema_migrations WHERE name = $1`, [AuditSequencer1796470000000.name]))[0].n > 0) {
        await current.undoLastMigration({ transaction: 'each' });
      }
    } finally {
      await current.destroy();
    }
    // The waiting entries took places 7 and 8 in arrival order, and the previous trigger numbers the next.
    const waited = (await pg.query(`SELECT seq::text AS seq, action FROM audit_log WHERE seq > 6 ORDER BY audit_log.seq`)).rows;
    expect(waited).toEqual([
      { seq: '7', action: 'TRADER_REGISTERED' },
      { seq: '8', action: 'API_KEY_CREATED' },
    ]);
    await appendTheOldWay();
    expect((await pg.query(`SELECT max(seq)::text AS seq FROM audit_log`)).rows[0].seq).toBe('9');
    const columns = (await pg.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_log' ORDER BY column_name`)).rows.map((r) => r.column_name);
    expect(columns).toEqual(['action', 'actor', 'entity_id', 'entity_type', 'hash', 'id', 'occurred_at', 'payload', 'prev_hash', 'seq']);
    const triggers = (await pg.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal ORDER BY tgname`)).rows.map((r) => r.tgname);
    expect(triggers).toEqual(['audit_log_chain', 'audit_log_no_truncate', 'audit_log_no_update']);
    await expect(pg.query(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 1`)).rejects.toThrow(/audit_log is append-only: UPDATE refused/);
    expect(await checkTheOldWay()).toEqual({ ok: true, count: 9 });

    await migrateUp();
    const hub = await TestHub.start();
    try {
      expect(await waitForAuditChain(hub.dataSource)).toEqual({ waiting: 0, head: '9', covered: '9' });
    } finally {
      await hub.close();
    }
    const result = auditVerify(own.url);
    expect(result.stdout).toContain('audit chain intact: 9 entries checked');
    expect(result.status).toBe(0);
  });
});
