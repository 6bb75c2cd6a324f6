import { partnerBody } from '../support/exchange';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

// The operator's queue dashboard at /admin/queues: the operator token as a bearer header on every
// request, like the API; read-only; every queue, per-partner ones included as they appear.
describe('queue dashboard', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let issuer: string;

  beforeAll(async () => {
    own = await useOwnDatabase('queue_board');
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const queueNames = async (): Promise<string[]> => {
    const res = await hub.request('GET', '/admin/queues/api/queues', { token: TEST_ADMIN_TOKEN });
    expect(res.status).toBe(200);
    return res.body.queues.map((q: { name: string }) => q.name);
  };

  it.each(['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/favicon-32x32.png'])('answers %s without an operator credential with 401 problem+json', async (path) => {
    for (const token of [undefined, 'not-a-known-token-0123456789abcdef']) {
      const res = await hub.request('GET', path, { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('answers an authority or trader with 403 problem+json', async () => {
    const trader = await hub.trader('KH-TIN-1234567', 'KH');
    for (const token of [issuer, trader]) {
      const res = await hub.request('GET', '/admin/queues/api/queues', { token });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
  });

  it('serves the operator the board and every queue, a partner queue as soon as the partner is registered', async () => {
    const page = await hub.request('GET', '/admin/queues', { token: TEST_ADMIN_TOKEN });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await queueNames()).toEqual(expect.arrayContaining(['maintenance', 'exchange-local']));

    const partner = await hub.operator('POST', '/v1/partners', partnerBody());
    expect(partner.status).toBe(201);
    expect(await queueNames()).toContain(`exchange-partner-${partner.body.id}`);
  });

  it('lets nothing be changed from the board: pausing a queue is refused', async () => {
    const res = await hub.request('PUT', '/admin/queues/api/queues/exchange-local/pause', { token: TEST_ADMIN_TOKEN });
    expect(res.status).toBe(405);
    expect(res.text).toContain('QUEUE_READ_ONLY');
    expect(await hub.queues.queue('exchange-local').isPaused()).toBe(false);
  });
});
