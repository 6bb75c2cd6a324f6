import { cambodiaToJapan } from '../fixtures/certificates';
import { ApiProcess } from '../support/api-process';
import { cambodiaTo, deliveriesOf, partnerBody } from '../support/exchange';
import { TestHub } from '../support/hub';

async function metric(api: ApiProcess, name: string): Promise<number> {
  const text = await fetch(`${api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${process.env.HUB_ADMIN_TOKEN}` } }).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** The count of change notices of a topic another API process has heard and acted on, from its /metrics. */
async function noticesHeard(api: ApiProcess, topic: string): Promise<number> {
  const text = await fetch(`${api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${process.env.HUB_ADMIN_TOKEN}` } }).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(`ecoo_change_notices_total{topic="${topic}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

async function untilNoticeHeard(api: ApiProcess, topic: string, before: number): Promise<void> {
  // Waits for the notice itself (the other process counts it once its cache is evicted), never a clock.
  while ((await noticesHeard(api, topic)) <= before) await new Promise((r) => setImmediate(r));
}

// Issue 14: API keys resolve from each process's cache; a revocation reaches every process through
// the NOTIFY sent in the revoking transaction.
describe('reference caches across API processes', () => {
  let hub: TestHub;
  let api: ApiProcess;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    api = await ApiProcess.start();
  });

  afterAll(async () => {
    await api?.stop();
    await hub?.close();
  });

  it('a key revoked through one process is refused by the other once its notice arrives, and at once by the revoking one', async () => {
    await hub.authority('SG-CACHE', 'SG', ['CUSTOMS']);
    const created = await hub.operator('POST', '/v1/api-keys', { authority: 'SG-CACHE', label: 'cross-process' });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    // Both processes now hold the key in their caches.
    expect((await hub.request('GET', '/v1/certificates', { token: key })).status).toBe(200);
    expect((await api.request('GET', '/v1/certificates', key)).status).toBe(200);
    expect((await api.request('GET', '/v1/certificates', key)).status).toBe(200);

    const before = await noticesHeard(api, 'api-key');
    expect((await hub.operator('POST', `/v1/api-keys/${created.body.id}/revoke`)).status).toBe(200);
    expect((await hub.request('GET', '/v1/certificates', { token: key })).status).toBe(401);
    await untilNoticeHeard(api, 'api-key', before);
    expect((await api.request('GET', '/v1/certificates', key)).status).toBe(401);
  });

  it('a key revoked in SQL behind the hub\'s back is refused once the notice its trigger sent arrives', async () => {
    await hub.authority('MY-CACHE', 'MY', ['CUSTOMS']);
    const created = await hub.operator('POST', '/v1/api-keys', { authority: 'MY-CACHE' });
    const key: string = created.body.key;
    expect((await api.request('GET', '/v1/certificates', key)).status).toBe(200);
    const before = await noticesHeard(api, 'api-key');
    await hub.dataSource.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [created.body.id]);
    await untilNoticeHeard(api, 'api-key', before);
    expect((await api.request('GET', '/v1/certificates', key)).status).toBe(401);
  });

  it('serves a key from its cache, and empties every cache when the LISTEN connection drops', async () => {
    await hub.authority('ID-CACHE', 'ID', ['CUSTOMS']);
    const created = await hub.operator('POST', '/v1/api-keys', { authority: 'ID-CACHE' });
    const key: string = created.body.key;
    expect((await api.request('GET', '/v1/certificates', key)).status).toBe(200);
    // A change no notice announces (triggers switched off for this transaction): the other process
    // still takes the key, so it did not read api_keys again.
    await hub.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [created.body.id]);
    });
    expect((await api.request('GET', '/v1/certificates', key)).status).toBe(200);
    const lostBefore = await metric(api, 'ecoo_change_notices_lost_total');
    await hub.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ecoo-hub-notices' AND datname = current_database()`);
    while ((await metric(api, 'ecoo_change_notices_lost_total')) <= lostBefore) await new Promise((r) => setImmediate(r));
    expect((await api.request('GET', '/v1/certificates', key)).status).toBe(401);
  });

  it('sends a notice only when rows changed: an insert that inserted nothing sends none', async () => {
    // Listening again after the previous spec dropped its connection (it reconnects on its own).
    while ((await metric(api, 'ecoo_change_notices_listening')) !== 1) await new Promise((r) => setImmediate(r));
    await hub.authority('TH-CACHE', 'TH', ['CUSTOMS']);
    const before = await noticesHeard(api, 'authorities');
    // Notices arrive in commit order: once the real change's notice is heard, the no-op's would have been.
    await hub.dataSource.query(`INSERT INTO authorities (code, name, country, roles, served_here) VALUES ('TH-CACHE', 'TH-CACHE', 'TH', ARRAY['CUSTOMS']::varchar[], true) ON CONFLICT (code) DO NOTHING`);
    await hub.authority('VN-CACHE', 'VN', ['CUSTOMS']);
    await untilNoticeHeard(api, 'authorities', before);
    expect((await noticesHeard(api, 'authorities')) - before).toBe(1);
  });

  // Issue 14: an issue routes with the partners and customs authorities this process keeps; a
  // registration reaches the routing of every process through its change notice. Whether a partner
  // is still active when a delivery is sent is the send's own condition (exchange-partners spec).
  it('routes to a partner registered through the other process once its notice arrives, and at once through the registering one', async () => {
    const issuer = await hub.authority('KH-ROUTE', 'KH', ['ISSUER']);
    const routesOfIssue = async (through: 'hub' | 'api'): Promise<string[]> => {
      const body = cambodiaTo(cambodiaToJapan(), 'KR');
      const created = through === 'hub' ? await hub.request('POST', '/v1/certificates', { token: issuer, body }) : await api.request('POST', '/v1/certificates', issuer, body);
      expect(created.status).toBe(201);
      const path = `/v1/certificates/${created.body.id}/issue`;
      expect((through === 'hub' ? await hub.request('POST', path, { token: issuer }) : await api.request('POST', path, issuer)).status).toBe(200);
      return (await deliveriesOf(hub, issuer, created.body.id)).map((d) => `${d.recipient.route}:${d.recipient.partner ?? d.recipient.authority ?? '-'}`).sort();
    };
    while ((await metric(api, 'ecoo_change_notices_listening')) !== 1) await new Promise((r) => setImmediate(r));
    // Both processes route to Korea once (and keep what they read): the partner is not registered yet.
    expect(await routesOfIssue('hub')).not.toContain('PARTNER:KR-ROUTE');
    expect(await routesOfIssue('api')).not.toContain('PARTNER:KR-ROUTE');

    const before = await noticesHeard(api, 'partners');
    const registered = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'KR-ROUTE', name: 'Korea node', routes: [{ country: 'KR', authority: 'KR-CUSTOMS' }] }));
    expect(registered.status).toBe(201);
    expect(await routesOfIssue('hub')).toContain('PARTNER:KR-ROUTE');
    await untilNoticeHeard(api, 'partners', before);
    expect(await routesOfIssue('api')).toContain('PARTNER:KR-ROUTE');

    // A customs authority of Korea served here is heard the same way (local delivery besides the partner's).
    expect(await routesOfIssue('api')).not.toContain('LOCAL:KR-LOCAL');
    const heard = await noticesHeard(api, 'authorities');
    await hub.authority('KR-LOCAL', 'KR', ['CUSTOMS']);
    expect(await routesOfIssue('hub')).toContain('LOCAL:KR-LOCAL');
    await untilNoticeHeard(api, 'authorities', heard);
    expect(await routesOfIssue('api')).toContain('LOCAL:KR-LOCAL');
  });
});
