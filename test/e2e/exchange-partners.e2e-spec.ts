import { partnerBody } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

// jest.config.js sets testTimeout per project, where jest ignores it: deliveries and hub boots need more than 5 s.
jest.setTimeout(120_000);

// Partners route certificates: this spec keeps its own database, so other specs' issuances are not routed to them.
describe('exchange: the operator registers partners', () => {
  let hub: TestHub;
  let own: { restore: () => Promise<void> };
  let issuer: string;

  beforeAll(async () => {
    own = await useOwnDatabase('partners');
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  it('registers a partner, returns its inbound token once, and never returns or stores the outbound token in clear', async () => {
    const res = await hub.operator('POST', '/v1/partners', partnerBody({ retry: { maxAttempts: 4 } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: 'JP-NACCS',
      endpointUrl: 'http://127.0.0.1:9',
      routes: [{ country: 'JP', authority: 'JP-CUSTOMS' }],
      countries: ['JP'],
      authorities: ['JP-CUSTOMS'],
      messageTypes: ['CO_CANCELLED', 'CO_DUPLICATE', 'CO_ISSUED', 'CO_REPLACED'],
      outboundAuth: { type: 'BEARER', tokenStored: true },
      retry: { maxAttempts: 4, baseDelayMs: 2000, maxDelayMs: 600000 },
      timeoutMs: 10000,
      circuitBreaker: { failureThreshold: 5, cooldownMs: 30000, state: 'CLOSED', consecutiveFailures: 0, openedAt: null },
      paused: false,
    });
    expect(res.body.inboundToken).toMatch(/^ecoop_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(res.body.inboundAuth.tokenPrefix).toBe(res.body.inboundToken.split('_')[1]);
    expect(res.body.nodeCertificate).toMatchObject({ fingerprintSha256: expect.stringMatching(/^[0-9a-f]{64}$/), subject: expect.stringContaining('JP partner node') });
    expect(res.text).not.toContain('hub-to-partner-token');

    const [row] = await hub.dataSource.query('SELECT outbound_token_sealed, inbound_token_hash FROM partners WHERE id = $1', [res.body.id]);
    expect(row.outbound_token_sealed.toString('latin1')).not.toContain('hub-to-partner-token');
    expect(row.inbound_token_hash).not.toContain(res.body.inboundToken.slice('ecoop_'.length + 12 + 1));

    for (const path of ['/v1/partners', `/v1/partners/${res.body.id}`]) {
      const read = await hub.operator('GET', path);
      expect(read.status).toBe(200);
      expect(read.text).not.toContain('hub-to-partner-token');
      expect(read.text).not.toContain(res.body.inboundToken);
    }
    expect(await hub.count('audit_log', `action = 'PARTNER_REGISTERED' AND entity_id = 'JP-NACCS'`)).toBe(1);

    const again = await hub.operator('POST', '/v1/partners', partnerBody());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PARTNER_EXISTS');
    expect(await hub.count('partners')).toBe(1);
  });

  it('answers a bad registration with 422 listing every problem, and stores nothing', async () => {
    const before = await hub.count('partners');
    const res = await hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({
        code: 'jp naccs',
        endpointUrl: 'ftp://user:secret@example.jp/x?y=1',
        routes: [{ country: 'JP', authority: 'TH-CUSTOMS' }, { country: 'XX', authority: 'XX-C' }],
        messageTypes: ['CO_ISSUED', 'CO_EXPLODED'],
        outboundAuth: { type: 'BEARER' },
        nodeCertificate: '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----',
        retry: { baseDelayMs: 5000, maxDelayMs: 1000, maxAttempts: '3' },
        timeoutMs: null,
        surprise: true,
      }),
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const paths = res.body.violations.map((v: any) => v.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'code',
        'endpointUrl',
        'routes[0].authority',
        'routes[1].country',
        'messageTypes',
        'outboundAuth.token',
        'nodeCertificate',
        'retry.maxDelayMs',
        'retry.maxAttempts',
        'timeoutMs',
        'surprise',
      ]),
    );
    expect(await hub.count('partners')).toBe(before);
  });

  it('refuses a country routed twice, and a token with NONE', async () => {
    const twice = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'JP-TWICE', routes: [{ country: 'JP', authority: 'JP-CUSTOMS' }, { country: 'JP', authority: 'JP-MOF' }] }));
    expect(twice.status).toBe(422);
    expect(twice.body.violations).toEqual([expect.objectContaining({ path: 'routes[1].country', ruleId: 'PARTNER-ROUTE-001' })]);
    const none = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'JP-NONE', outboundAuth: { type: 'NONE', token: 'a-token-that-goes-nowhere' } }));
    expect(none.status).toBe(422);
    expect(none.body.violations.map((v: any) => v.path)).toEqual(['outboundAuth.token']);
  });

  it('lets only the operator near partners', async () => {
    expect((await hub.request('GET', '/v1/partners')).status).toBe(401);
    const res = await hub.request('POST', '/v1/partners', { token: issuer, body: partnerBody({ code: 'JP-OTHER' }) });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('changes a partner in place: pause, endpoint, part of the retry policy; the code stays', async () => {
    const created = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'TH-NSW', routes: [{ country: 'TH', authority: 'TH-CUSTOMS' }], outboundAuth: { type: 'NONE' } }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const res = await hub.operator('PATCH', `/v1/partners/${id}`, { paused: true, endpointUrl: 'https://nsw.example.th/ecoo', retry: { maxAttempts: 3 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ paused: true, endpointUrl: 'https://nsw.example.th/ecoo', retry: { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 600000 }, outboundAuth: { type: 'NONE', tokenStored: false } });

    const bad = await hub.operator('PATCH', `/v1/partners/${id}`, { code: 'TH-OTHER', paused: null, retry: { baseDelayMs: 700000 } });
    expect(bad.status).toBe(422);
    expect(bad.body.violations.map((v: any) => v.path).sort()).toEqual(['code', 'paused']);
    const crossing = await hub.operator('PATCH', `/v1/partners/${id}`, { retry: { baseDelayMs: 700000 } });
    expect(crossing.status).toBe(422);
    expect(crossing.body.violations[0].path).toBe('retry.maxDelayMs');
    expect((await hub.operator('GET', `/v1/partners/${id}`)).body).toMatchObject({ code: 'TH-NSW', paused: true, retry: { baseDelayMs: 2000 } });

    expect((await hub.operator('PATCH', '/v1/partners/5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f', { paused: false })).body.code).toBe('PARTNER_NOT_FOUND');
    expect((await hub.operator('GET', '/v1/partners/not-a-uuid')).status).toBe(404);
  });

  it('issues a new inbound token; the old one is gone', async () => {
    const created = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'VN-NSW', routes: [{ country: 'VN', authority: 'VN-CUSTOMS' }] }));
    const rotated = await hub.operator('POST', `/v1/partners/${created.body.id}/inbound-token`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.inboundToken).toMatch(/^ecoop_/);
    expect(rotated.body.inboundToken).not.toBe(created.body.inboundToken);
    const [row] = await hub.dataSource.query('SELECT inbound_token_prefix FROM partners WHERE id = $1', [created.body.id]);
    expect(row.inbound_token_prefix).toBe(rotated.body.inboundAuth.tokenPrefix);
  });

  it("serves this node's envelope certificate to anyone", async () => {
    const res = await hub.request('GET', '/v1/exchange/node-certificate');
    expect(res.status).toBe(200);
    expect(res.body.certificate).toContain('-----BEGIN CERTIFICATE-----');
    expect(res.body).toMatchObject({ algorithm: 'RSA-SHA256', keyId: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
