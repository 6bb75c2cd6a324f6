import { randomBytes } from 'node:crypto';
import { BuiltHub } from '../support/built-hub';
import { eventually } from '../support/exchange';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

jest.setTimeout(120_000);

const METRICS_TOKEN = 'mT4-pQ9xR2vL7wK3nB8cZ5yH1jF6dS0a';

// After an incident the operator reads the built hub's log (node dist/main.js, LOG_LEVEL=info) to
// see who called what, refusals included, while someone reading the same log must find no body, no
// query string and no credential in it.
describe('the access log: one line per request, refusals included, without bodies or credentials', () => {
  let hub: BuiltHub;
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  const marker = `Body-Marker-${suffix}`;
  const unknownSecret = randomBytes(32).toString('base64url');
  let authorityKey = '';
  let sessionId = '';

  async function call(id: string, method: string, path: string, options: { token?: string; body?: unknown; cookie?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'x-request-id': `access-${suffix}-${id}` };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${hub.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  }

  const line = (id: string) => hub.logLines().filter((l) => l.msg === 'request' && l.reqId === `access-${suffix}-${id}`);

  beforeAll(async () => {
    hub = await BuiltHub.start({ LOG_LEVEL: 'info', HUB_METRICS_TOKEN: METRICS_TOKEN });
    const code = `KH-LOG${suffix}`;
    expect((await call('register', 'POST', '/v1/authorities', { token: TEST_ADMIN_TOKEN, body: { code, name: marker, country: 'KH', roles: ['ISSUER'] } })).status).toBe(201);
    const key = await call('key', 'POST', '/v1/api-keys', { token: TEST_ADMIN_TOKEN, body: { authority: code } });
    authorityKey = ((await key.json()) as { key: string }).key;
    const anonymous = await call('anonymous', 'GET', '/v1/authorities');
    // The caller can quote the id: it is in the answer and in the problem.
    expect(anonymous.headers.get('x-request-id')).toBe(`access-${suffix}-anonymous`);
    expect(((await anonymous.json()) as { requestId: string }).requestId).toBe(`access-${suffix}-anonymous`);
    await call('unknown-key', 'GET', '/v1/certificates', { token: `ecoo_abcdefgh1234_${unknownSecret}` });
    await call('forbidden', 'POST', '/v1/authorities', { token: authorityKey, body: { code: `KH-X${suffix}`, name: marker, country: 'KH', roles: ['ISSUER'] } });
    await call('public-page', 'GET', `/verify/${unknownSecret}`);
    await call('query', 'GET', `/v1/certificates?ucr=${marker}`, { token: authorityKey });
    await call('metrics-refused', 'GET', '/metrics');
    await call('unmatched', 'GET', '/no/such/route');
    await call('health', 'GET', '/health');
    const signIn = await call('sign-in', 'POST', '/ops/session', { body: { token: TEST_ADMIN_TOKEN } });
    sessionId = /ecoo_ops_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    await call('ops-page', 'GET', '/ops/stats', { cookie: `ecoo_ops_session=${sessionId}` });
    await eventually('the last access line', async () => line('ops-page').length, (n) => n === 1);
  });

  afterAll(async () => {
    expect(await hub.stop()).toBe(0);
  });

  it('logs each request once at info: method, route pattern, status, duration, caller and request id', () => {
    const [created] = line('register');
    expect(created).toMatchObject({ level: 30, method: 'POST', route: '/v1/authorities', status: 201, caller: 'operator' });
    expect(typeof created.durationMs).toBe('number');
    expect(Object.keys(created).sort()).toEqual(['caller', 'durationMs', 'hostname', 'level', 'method', 'msg', 'pid', 'reqId', 'route', 'status', 'time']);
    expect(line('query')).toEqual([expect.objectContaining({ route: '/v1/certificates', status: 200, caller: `authority:KH-LOG${suffix}` })]);
    expect(line('ops-page')).toEqual([expect.objectContaining({ route: '/ops/stats', status: 200, caller: 'operator' })]);
  });

  it('logs refusals at info too, saying which key was refused by its public prefix only', () => {
    expect(line('anonymous')).toEqual([expect.objectContaining({ level: 30, status: 401, caller: 'anonymous' })]);
    expect(line('unknown-key')).toEqual([expect.objectContaining({ level: 30, status: 401, caller: 'unresolved:ecoo_abcdefgh1234' })]);
    expect(line('forbidden')).toEqual([expect.objectContaining({ level: 30, status: 403, caller: `authority:KH-LOG${suffix}` })]);
    expect(line('metrics-refused')).toEqual([expect.objectContaining({ route: '/metrics', status: 401, caller: 'anonymous' })]);
    expect(line('unmatched')).toEqual([expect.objectContaining({ route: 'unmatched', status: 404 })]);
    expect(line('public-page')).toEqual([expect.objectContaining({ route: '/verify/:token' })]);
    expect(line('health')).toEqual([]);
  });

  it('writes no body, query string, URL token, credential or session id anywhere in the log', () => {
    for (const secret of [TEST_ADMIN_TOKEN, authorityKey, authorityKey.slice('ecoo_'.length + 12 + 1), unknownSecret, sessionId, marker, METRICS_TOKEN]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(hub.output).not.toContain(secret);
    }
  });
});
