import { createServer } from 'node:net';
import { Client } from 'pg';
import { AuditService } from '../../src/audit/audit.service';
import { auditVerify, waitForAuditChain } from '../support/audit';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { PreviousReleaseHub } from '../support/previous-release';

// Building the previous release from history the first time takes a while.
jest.setTimeout(300_000);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

// A rolling upgrade: the previous release (test/compat/previous-release.json, its insert trigger
// chaining under one lock) runs on the database, then this release starts on the same database,
// migrates it while the previous release keeps serving, and both write at once.
describe('audit log: a rolling upgrade from the previous release', () => {
  const prefix = process.env.HUB_QUEUE_PREFIX;
  let own: { url: string; restore: () => Promise<void> };
  let previous: PreviousReleaseHub;
  let hub: TestHub;
  let pg: Client;

  beforeAll(async () => {
    own = await useOwnDatabase('audit_rolling', { empty: true });
    process.env.HUB_AUDIT_MAX_DELAY_MS = '200';
    previous = await PreviousReleaseHub.start({ DATABASE_URL: own.url, HUB_QUEUE_PREFIX: `${prefix}-prev-audit`, LOG_LEVEL: 'warn' }, await freePort());
    pg = new Client({ connectionString: own.url });
    await pg.connect();
  });

  afterAll(async () => {
    await previous?.stop();
    await hub?.close();
    await pg.end();
    delete process.env.HUB_AUDIT_MAX_DELAY_MS;
    await own.restore();
  });

  function trader(i: number): Record<string, string> {
    return { id: `KH-TIN-6${String(i).padStart(6, '0')}`, name: `Trader ${i}`, country: 'KH' };
  }

  it('keeps what the previous release chained, chains what it appends after the upgrade, and covers both with checkpoints', async () => {
    const before = await Promise.all(Array.from({ length: 5 }, (_, i) => previous.operator('POST', '/v1/traders', trader(i)).then((r) => r.status)));
    expect(before).toEqual(Array(5).fill(201));
    const chainedByTrigger = (await pg.query('SELECT seq::int AS seq, hash FROM audit_log ORDER BY seq')).rows;
    expect(chainedByTrigger.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);

    // This release migrates the database under the running previous release; its first checkpoint covers the old entries.
    hub = await TestHub.start();
    expect(await waitForAuditChain(pg)).toEqual({ waiting: 0, head: '5', covered: '5' });
    expect((await pg.query('SELECT seq::int AS seq, hash FROM audit_log ORDER BY seq')).rows).toEqual(chainedByTrigger);

    const both = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? previous.operator('POST', '/v1/traders', trader(100 + i)) : hub.operator('POST', '/v1/traders', trader(100 + i))).then((r) => r.status)),
    );
    expect(both).toEqual(Array(20).fill(201));
    expect(await waitForAuditChain(pg)).toEqual({ waiting: 0, head: '25', covered: '25' });
    expect(await hub.app.get(AuditService).verify()).toEqual({ ok: true, checked: 25 });
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id LIKE 'KH-TIN-6%' AND seq IS NOT NULL`);
    expect(rows[0].n).toBe(25);

    // The previous release keeps working until it is stopped.
    expect((await previous.request('GET', '/health')).status).toBe(200);
    const result = auditVerify(own.url);
    expect(result.stdout).toContain('audit chain intact: 25 entries checked');
    expect(result.status).toBe(0);
  });
});
