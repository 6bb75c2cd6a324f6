import { Client } from 'pg';
import { AuditService } from '../../src/audit/audit.service';
import { ApiProcess } from '../support/api-process';
import { auditVerify, chainState, waitForAuditChain, waitUntil } from '../support/audit';
import { TestHub, TEST_ADMIN_TOKEN } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { WorkerProcess } from '../support/worker-process';

jest.setTimeout(180_000);

const LEADS = 'now sequences the audit log';

// The hub as it scales out: two API processes (this spec's hub, without workers, and a built one)
// and two built worker processes, each running a sequencer, on one database of the spec's own.
describe('audit sequencer: one leader among the workers, taken over when it dies', () => {
  let own: { url: string; restore: () => Promise<void> };
  let hub: TestHub;
  let api: ApiProcess;
  let pg: Client;
  const workers: WorkerProcess[] = [];
  let leader: WorkerProcess;

  beforeAll(async () => {
    own = await useOwnDatabase('audit_sequencer');
    process.env.HUB_AUDIT_MAX_DELAY_MS = '200';
    hub = await TestHub.start({ withWorkers: false });
    api = await ApiProcess.start();
    pg = new Client({ connectionString: own.url });
    await pg.connect();
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api.stop();
    await pg.end();
    await hub.close();
    delete process.env.HUB_AUDIT_MAX_DELAY_MS;
    await own.restore();
  });

  function trader(i: number): Record<string, string> {
    return { id: `KH-TIN-7${String(i).padStart(6, '0')}`, name: `Trader ${i}`, country: 'KH' };
  }

  it('with no worker running, appends anyway, and audit:verify says entries wait past the bound', async () => {
    expect((await hub.operator('POST', '/v1/traders', trader(0))).status).toBe(201);
    expect(await chainState(pg)).toEqual({ waiting: 1, head: null, covered: null });
    await waitUntil('the entry is older than 300 ms', async () => (await pg.query(`SELECT clock_timestamp() - appended_at > interval '300 ms' AS old FROM audit_log`)).rows[0].old);
    const metrics = await hub.request('GET', '/metrics');
    expect(metrics.text).toContain('ecoo_audit_unchained_entries 1');
    expect(Number(/ecoo_audit_oldest_unchained_seconds ([\d.]+)/.exec(metrics.text)![1])).toBeGreaterThan(0.3);
    const result = auditVerify(own.url, ['--max-delay-ms', '300']);
    expect(result.stdout).toMatch(/unchained entries BEHIND: 1 appended more than 300 ms ago are not chained \(oldest id=[0-9a-f-]{36}, \d+ ms ago\)/);
    expect(result.status).toBe(1);
  });

  it('starts two workers: exactly one leads, and it chains what waited', async () => {
    // No configured node key (the run's shared one unset): each worker makes a development key of its own.
    const ownNodeKeys = { HUB_NODE_KEY_FILE: undefined, HUB_NODE_CERT_FILE: undefined };
    workers.push(...(await Promise.all([WorkerProcess.start(ownNodeKeys), WorkerProcess.start(ownNodeKeys)])));
    expect(await waitForAuditChain(pg)).toEqual({ waiting: 0, head: '1', covered: '1' });
    const leading = workers.filter((w) => w.log.includes(LEADS));
    expect(leading).toHaveLength(1);
    leader = leading[0];
  });

  it('leaves one intact chain with every entry chained after forty concurrent writers in two API processes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0 ? hub.operator('POST', '/v1/traders', trader(i + 1)).then((r) => r.status) : api.request('POST', '/v1/traders', TEST_ADMIN_TOKEN, trader(i + 1)).then((r) => r.status),
      ),
    );
    expect(answers).toEqual(Array(40).fill(201));
    expect(await waitForAuditChain(pg)).toEqual({ waiting: 0, head: '41', covered: '41' });
    const { rows } = await pg.query('SELECT seq::int AS seq FROM audit_log ORDER BY seq');
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(await hub.app.get(AuditService).verify()).toEqual({ ok: true, checked: 41 });
    const result = auditVerify(own.url);
    expect(result.stdout).toContain('audit chain intact: 41 entries checked');
    expect(result.stdout).toContain('audit log intact');
    expect(result.status).toBe(0);
  });

  it('lets the other worker take over when the leader is killed with SIGKILL, losing and skipping nothing', async () => {
    const survivor = workers.find((w) => w !== leader)!;
    expect(survivor.log).not.toContain(LEADS);
    const signers = async (): Promise<string[]> => (await pg.query('SELECT DISTINCT key_id FROM audit_checkpoints')).rows.map((r) => r.key_id);
    const before = await signers();
    expect((await leader.kill()).signal).toBe('SIGKILL');

    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => api.request('POST', '/v1/traders', TEST_ADMIN_TOKEN, trader(100 + i)).then((r) => r.status)));
    expect(answers).toEqual(Array(10).fill(201));
    expect(await waitForAuditChain(pg)).toEqual({ waiting: 0, head: '51', covered: '51' });
    expect(survivor.log).toContain(LEADS);
    // Each worker signs with a development node key of its own here, so the survivor's checkpoints show its key.
    expect((await signers()).filter((keyId) => !before.includes(keyId))).toHaveLength(1);
    const result = auditVerify(own.url);
    expect(result.stdout).toContain('audit chain intact: 51 entries checked');
    expect(result.status).toBe(0);
  });
});
