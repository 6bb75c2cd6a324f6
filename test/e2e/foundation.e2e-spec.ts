import { QUEUE_BOARD_PATH } from '../../src/create-app';
import { JobRegistry } from '../../src/core/queue/job-registry';
import { QueueName, RETIRED_QUEUES } from '../../src/core/queue/queue.constants';
import { ENTITIES } from '../../src/entities';
import { TestHub } from '../support/hub';

describe('foundation: operator API, errors, health, metrics, OpenAPI', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start();
  });

  afterAll(async () => {
    await hub.close();
  });

  it('reports its mode, and PostgreSQL and Redis (in trial mode the embedded database and its queues) up, on /health', async () => {
    const res = await hub.request('GET', '/health');
    expect(res.status).toBe(200);
    if (process.env.HUB_MODE === 'trial') expect(res.body).toEqual({ status: 'ok', mode: 'trial', checks: { database: 'up', queues: 'up' } });
    else expect(res.body).toEqual({ status: 'ok', mode: 'server', checks: { database: 'up', redis: 'up' } });
  });

  it('registers through its modules exactly the entities the TypeORM CLI lists (src/entities.ts)', () => {
    const registered = hub.dataSource.entityMetadatas.map((m) => m.target);
    expect(new Set(registered)).toEqual(new Set(ENTITIES));
    expect(registered).toHaveLength(ENTITIES.length);
  });

  it('documents every route it serves in /docs-json', async () => {
    const res = await hub.request('GET', '/docs-json');
    expect(res.status).toBe(200);
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    // Left out on purpose: the OpenAPI UI itself, and the operator's queue dashboard (a third-party
    // UI and the JSON it reads, not part of the hub's API contract; test/e2e/queue-board.e2e-spec.ts).
    const served = hub.routes
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.url.startsWith('/docs') && !r.url.startsWith(QUEUE_BOARD_PATH))
      .map((r) => `${r.method} ${r.url}`);
    expect(served.length).toBeGreaterThan(10);
    const missing = served.filter((route) => !documented.has(route));
    expect(missing).toEqual([]);
  });

  it('documents the problem answers and the bearer scheme', async () => {
    const doc = (await hub.request('GET', '/docs-json')).body;
    expect(doc.components.schemas.ProblemView.properties.code).toBeDefined();
    expect(doc.paths['/v1/authorities'].post.responses['422'].content['application/problem+json']).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('exposes request durations, certificates by status and queue depth on /metrics', async () => {
    await hub.request('GET', '/health');
    const res = await hub.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/ecoo_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/);
    expect(res.text).toContain('# TYPE ecoo_certificates gauge');
    expect(res.text).toMatch(/ecoo_queue_jobs\{queue="maintenance",state="waiting"\} \d+/);
    expect(res.text).toContain(`ecoo_hub_mode{mode="${process.env.HUB_MODE === 'trial' ? 'trial' : 'server'}"} 1`);
  });

  it('runs the scheduled maintenance jobs on one queue, dispatched by name, and keeps no schedule on the retired queues', async () => {
    expect(hub.app.get(JobRegistry).jobsOn(QueueName.MAINTENANCE)).toEqual(['expire-certificates', 'fail-exhausted-pulls', 'mark-overdue-cases', 'reconcile-deliveries']);
    const maintenance = hub.queues.queue(QueueName.MAINTENANCE);
    for (const job of ['expire-certificates', 'fail-exhausted-pulls', 'mark-overdue-cases', 'reconcile-deliveries']) {
      expect(await maintenance.getJobScheduler(job)).toMatchObject({ key: job, name: job, every: expect.any(Number) });
    }
    for (const { queue } of RETIRED_QUEUES) expect(await hub.queues.queue(queue).getJobSchedulersCount()).toBe(0);
  });

  describe('who may call', () => {
    it('answers 401 problem+json without a credential and with an unknown one', async () => {
      for (const token of [undefined, 'not-a-key', 'ecoo_aaaaaaaaaaaa_' + 'b'.repeat(43)]) {
        const res = await hub.request('GET', '/v1/authorities', { token });
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('answers 403 when an authority calls an operator route', async () => {
      const key = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
      const res = await hub.request('POST', '/v1/authorities', { token: key, body: { code: 'KH-X', name: 'x', country: 'KH', roles: ['ISSUER'] } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await hub.count('authorities', 'code = $1', ['KH-X'])).toBe(0);
    });

    it('returns a key once, lists keys without secrets, and a revoked key stops working at once', async () => {
      // An authority of this test's own: other specs share the run's database.
      await hub.operator('POST', '/v1/authorities', { code: 'SG-CUSTOMS', name: 'Singapore Customs', country: 'SG', roles: ['CUSTOMS'] });
      const created = await hub.operator('POST', '/v1/api-keys', { authority: 'SG-CUSTOMS', label: 'single window' });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^ecoo_[a-z0-9]{12}_/);
      const key: string = created.body.key;
      expect((await hub.request('GET', '/v1/certificates', { token: key })).status).toBe(200);

      const listed = await hub.operator('GET', '/v1/api-keys?authority=SG-CUSTOMS');
      expect(listed.status).toBe(200);
      expect(listed.body.map((k: any) => k.id)).toEqual([created.body.id]);
      // The secret is everything after the prefix; it may itself contain '_'.
      expect(listed.text).not.toContain(key.split('_').slice(2).join('_'));
      const [row] = await hub.dataSource.query('SELECT secret_hash FROM api_keys WHERE id = $1', [created.body.id]);
      expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);

      const revoked = await hub.operator('POST', `/v1/api-keys/${created.body.id}/revoke`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      const after = await hub.request('GET', '/v1/certificates', { token: key });
      expect(after.status).toBe(401);
    });

    it('refuses a key for an unknown owner or for both kinds of owner', async () => {
      expect((await hub.operator('POST', '/v1/api-keys', { authority: 'ZZ-NOPE' })).status).toBe(404);
      const both = await hub.operator('POST', '/v1/api-keys', { authority: 'KH-MOC', trader: 'KH-TIN-1' });
      expect(both.status).toBe(422);
      expect(both.body.code).toBe('API_KEY_OWNER_INVALID');
    });
  });

  describe('bad input gets problem+json and changes nothing', () => {
    const valid = { code: 'TH-DFT', name: 'Department of Foreign Trade', country: 'TH', roles: ['ISSUER'] };

    async function authorityCount(): Promise<number> {
      return hub.count('authorities');
    }

    it('400 for unparseable JSON', async () => {
      const before = await authorityCount();
      const res = await hub.request('POST', '/v1/authorities', { token: process.env.HUB_ADMIN_TOKEN, rawBody: '{"code": "TH-DFT",', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON', type: 'urn:ecoo-hub:problem:malformed-json' });
      expect(await authorityCount()).toBe(before);
    });

    it('415 for a body that is not JSON', async () => {
      const res = await hub.request('POST', '/v1/authorities', { token: process.env.HUB_ADMIN_TOKEN, rawBody: 'code=TH-DFT', headers: { 'content-type': 'text/plain' } });
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const form = await hub.request('POST', '/v1/authorities', { token: process.env.HUB_ADMIN_TOKEN, rawBody: 'code=TH-DFT', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(415);
    });

    it('413 for a body over the limit', async () => {
      const before = await authorityCount();
      const res = await hub.request('POST', '/v1/authorities', { token: process.env.HUB_ADMIN_TOKEN, body: { ...valid, name: 'x'.repeat(1024 * 1024 + 10) } });
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await authorityCount()).toBe(before);
    });

    it('422 listing every violation at once, unknown fields included, with no implicit conversion', async () => {
      const before = await authorityCount();
      const res = await hub.operator('POST', '/v1/authorities', { code: 'th-dft', name: 42, country: 'XX', roles: [], colour: 'blue' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const paths = res.body.violations.map((v: { path: string }) => v.path).sort();
      expect(paths).toEqual(expect.arrayContaining(['code', 'colour', 'country', 'name', 'roles']));
      expect(res.body.violations.find((v: { path: string }) => v.path === 'colour').ruleId).toBe('SHAPE-whitelistValidation');
      expect(await authorityCount()).toBe(before);
    });

    it('409 for an authority registered twice', async () => {
      expect((await hub.operator('POST', '/v1/authorities', valid)).status).toBe(201);
      const again = await hub.operator('POST', '/v1/authorities', valid);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('AUTHORITY_EXISTS');
    });

    it('404 problem+json for an unknown route and an id that cannot exist', async () => {
      const route = await hub.request('GET', '/v1/nothing-here', { token: process.env.HUB_ADMIN_TOKEN });
      expect(route.status).toBe(404);
      expect(route.body.code).toBe('NOT_FOUND');
      const id = await hub.operator('POST', '/v1/api-keys/not-a-uuid/revoke');
      expect(id.status).toBe(404);
    });
  });
});
