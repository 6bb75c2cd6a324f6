import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';

jest.setTimeout(120_000);

const METRICS_TOKEN = 'mT4-pQ9xR2vL7wK3nB8cZ5yH1jF6dS0a';

// A stranger who reaches the hub reads what it exposes without a credential: /metrics tells request
// rates per route, queue depths and deliveries per partner; /docs the whole API. An operator can close both.
describe('/metrics and /docs, open or closed by the operator', () => {
  describe('closed: HUB_METRICS_TOKEN set and HUB_PUBLIC_DOCS=false', () => {
    let hub: TestHub;
    let authority: string;

    beforeAll(async () => {
      hub = await TestHub.start({ withWorkers: false, env: { HUB_METRICS_TOKEN: METRICS_TOKEN, HUB_PUBLIC_DOCS: 'false' } });
      authority = await hub.authority('KH-MOC', 'KH', ['ISSUER'], { signingKey: false });
    });

    afterAll(async () => {
      await hub.close();
    });

    it('answers /metrics 401 as problem+json to anyone without the scraper token, whatever they send', async () => {
      const attempts: { headers?: Record<string, string>; path?: string }[] = [
        {},
        { headers: { authorization: 'Bearer not-the-metrics-token-0000000000' } },
        { headers: { authorization: `Bearer ${authority}` } },
        { headers: { authorization: `Basic ${Buffer.from(`prometheus:${METRICS_TOKEN}`).toString('base64')}` } },
        { headers: { authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}` } },
        { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } },
        { path: `/metrics?token=${METRICS_TOKEN}` },
        { headers: { cookie: `token=${METRICS_TOKEN}` } },
      ];
      for (const attempt of attempts) {
        const res = await hub.request('GET', attempt.path ?? '/metrics', { headers: attempt.headers });
        expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
        expect(res.text).not.toContain('ecoo_');
      }
    });

    it('serves /metrics to the scraper token and to the operator', async () => {
      for (const token of [METRICS_TOKEN, TEST_ADMIN_TOKEN]) {
        const res = await hub.request('GET', '/metrics', { token });
        expect(res.status).toBe(200);
        expect(res.text).toContain('ecoo_http_request_duration_seconds');
      }
    });

    it('serves no API document', async () => {
      for (const path of ['/docs', '/docs/', '/docs-json', '/docs/static/index.html']) {
        expect((await hub.request('GET', path)).status).toBe(404);
      }
    });
  });

  describe('open: the defaults', () => {
    let hub: TestHub;

    beforeAll(async () => {
      hub = await TestHub.start({ withWorkers: false, env: { HUB_METRICS_TOKEN: undefined, HUB_PUBLIC_DOCS: undefined } });
    });

    afterAll(async () => {
      await hub.close();
    });

    it('serves /metrics and the API document to anyone', async () => {
      const metrics = await hub.request('GET', '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.text).toContain('ecoo_http_request_duration_seconds');
      const docs = await hub.request('GET', '/docs-json');
      expect(docs.status).toBe(200);
      expect(Object.keys(docs.body.paths)).toContain('/metrics');
      expect((await hub.request('GET', '/docs')).status).toBe(200);
    });
  });
});
