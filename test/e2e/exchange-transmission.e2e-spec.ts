import { cambodiaToJapan } from '../fixtures/certificates';
import { cambodiaTo, eventually, partnerBody } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { PartnerSimulator, accept, fail } from '../../scripts/partner-simulator/simulator';
import { PartnerQueues } from '../../src/exchange/partners/partner-queues';
import { partnerQueueName } from '../../src/exchange/outbox/delivery-queues';

jest.setTimeout(120_000);

const PARTNER_TOKEN = 'hub-to-partner-token-0123456789';
// One partner per importing country, so each certificate goes to one of them.
const COUNTRIES = ['JP', 'TH', 'VN', 'KR', 'CN'];
const PARTNERS = COUNTRIES.length;
const POOL = 2;

// The transmission path at scale, in the small: partners' delivery settings, a pool of workers
// smaller than the partners, and a Retry-After that holds the partner's whole queue.
describe('exchange transmission: partner settings, a bounded worker pool, Retry-After', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let simulator: PartnerSimulator;
  let issuer: string;
  const partnerIds: string[] = [];

  beforeAll(async () => {
    own = await useOwnDatabase('transmission');
    simulator = await PartnerSimulator.start({ expectToken: PARTNER_TOKEN });
    simulator.cycle(accept());
    hub = await TestHub.start({ env: { HUB_DELIVERY_WORKERS: String(POOL), HUB_PARTNER_SYNC_EVERY_MS: '500' } });
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
  });

  afterAll(async () => {
    await hub?.close();
    await simulator?.close();
    await own.restore();
  });

  async function issue(country = 'JP'): Promise<string> {
    const body = country === 'JP' ? cambodiaToJapan() : cambodiaTo(cambodiaToJapan(), country);
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body });
    expect(created.status).toBe(201);
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
    return created.body.id;
  }

  it('refuses bad delivery settings with every problem at once, and changes nothing', async () => {
    const bad = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'JP-BAD', endpointUrl: simulator.url, delivery: { concurrency: 0, connections: '8', maxPerSecond: -1, burst: 3 } }));
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const paths = [...new Set(bad.body.violations.map((v: { path: string }) => v.path))].sort();
    expect(paths).toEqual(['delivery.burst', 'delivery.concurrency', 'delivery.connections', 'delivery.maxPerSecond']);
    expect(await hub.count('partners', `code = 'JP-BAD'`)).toBe(0);
  });

  it('registers the settings, shows them, and changes the fields a PATCH names', async () => {
    const created = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'JP-SETTINGS', endpointUrl: simulator.url, routes: [{ country: 'KR', authority: 'KR-CUSTOMS' }], delivery: { concurrency: 16, maxPerSecond: 200 } }));
    expect(created.status).toBe(201);
    expect(created.body.delivery).toEqual({ concurrency: 16, connections: 64, maxPerSecond: 200 });
    const patched = await hub.operator('PATCH', `/v1/partners/${created.body.id}`, { delivery: { connections: 4, maxPerSecond: 0 } });
    expect(patched.status).toBe(200);
    expect(patched.body.delivery).toEqual({ concurrency: 16, connections: 4, maxPerSecond: 0 });
    const defaults = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'JP-DEFAULTS', endpointUrl: simulator.url, routes: [{ country: 'KR', authority: 'KR-CUSTOMS' }] }));
    expect(defaults.body.delivery).toEqual({ concurrency: 64, connections: 64, maxPerSecond: 0 });
    // Out of the way of what follows: nothing is routed to them.
    for (const id of [created.body.id, defaults.body.id]) expect((await hub.operator('PATCH', `/v1/partners/${id}`, { active: false })).status).toBe(200);
  });

  it(`delivers to ${PARTNERS} partners through a pool of ${POOL} workers`, async () => {
    for (let i = 0; i < PARTNERS; i++) {
      const created = await hub.operator(
        'POST',
        '/v1/partners',
        partnerBody({
          code: `${COUNTRIES[i]}-POOL`,
          endpointUrl: simulator.url,
          routes: [{ country: COUNTRIES[i], authority: `${COUNTRIES[i]}-CUSTOMS` }],
          retry: { maxAttempts: 20, baseDelayMs: 50, maxDelayMs: 500 },
          delivery: { concurrency: 2 },
        }),
      );
      expect(created.status).toBe(201);
      partnerIds.push(created.body.id);
    }
    const pool = hub.app.get(PartnerQueues);
    const certificates: string[] = [];
    for (let round = 0; round < 3; round++) for (const country of COUNTRIES) certificates.push(await issue(country));
    const delivered = await eventually(
      'every certificate delivered to its partner',
      () => hub.count('deliveries', `status = 'DELIVERED' AND certificate_id = ANY($1::uuid[])`, [certificates]),
      (n) => n === certificates.length,
    );
    expect(delivered).toBe(15);
    const perPartner: { partner_id: string; n: number }[] = await hub.dataSource.query('SELECT partner_id, count(*)::int AS n FROM deliveries WHERE certificate_id = ANY($1::uuid[]) GROUP BY partner_id', [
      certificates,
    ]);
    expect(perPartner.map((r) => r.partner_id).sort()).toEqual([...partnerIds].sort());
    expect(perPartner.every((r) => r.n === 3)).toBe(true);
    expect(pool.openWorkers).toBeLessThanOrEqual(POOL);
    // Each partner received each envelope once.
    const envelopes: { envelope_id: string }[] = await hub.dataSource.query('SELECT envelope_id FROM deliveries WHERE certificate_id = ANY($1::uuid[])', [certificates]);
    for (const row of envelopes) expect(simulator.stored.has(row.envelope_id)).toBe(true);
  });

  it("holds the partner's whole queue for the Retry-After it answered", async () => {
    // Only one partner from here on.
    for (const id of partnerIds.slice(1)) expect((await hub.operator('PATCH', `/v1/partners/${id}`, { active: false })).status).toBe(200);
    const queue = hub.queues.queue(partnerQueueName(partnerIds[0]));
    simulator.next(fail(429, '5'));
    const first = await issue();
    const [held] = await eventually(
      'the 429 recorded',
      (): Promise<{ retry_after_ms: number; finished_at: Date }[]> =>
        hub.dataSource.query(
          `SELECT a.retry_after_ms, a.finished_at FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.certificate_id = $1 AND a.outcome = 'RETRY'`,
          [first],
        ),
      (rows) => rows.length === 1,
    );
    expect(held.retry_after_ms).toBe(5000);
    // The queue itself is held (not just that job): its limiter has the time left.
    await eventually('the queue held', () => queue.getRateLimitTtl(1), (ms) => ms > 0);
    // Another certificate meanwhile: its job waits, and no call goes out while the hold lasts.
    const second = await issue();
    await eventually('its job waiting', () => queue.getJobCounts('wait', 'prioritized'), (c) => c.wait + c.prioritized >= 1);
    const attemptsDuringHold = await hub.count('delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id', 'd.certificate_id = $1', [second]);
    const stillHeld = await queue.getRateLimitTtl(1);
    expect(stillHeld).toBeGreaterThan(0);
    expect(attemptsDuringHold).toBe(0);
    // Once it ends, the second goes, no sooner than the hold allowed.
    await eventually('the second delivered', () => hub.count('deliveries', `status = 'DELIVERED' AND certificate_id = $1`, [second]), (n) => n === 1);
    const [attempt] = await hub.dataSource.query('SELECT a.started_at FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.certificate_id = $1', [second]);
    expect(new Date(attempt.started_at).getTime() - new Date(held.finished_at).getTime()).toBeGreaterThanOrEqual(4000);
  });
});
