import { PrincipalKind } from '../auth/principal';
import { AnsweredRequest, accessLogEntry } from './access-log';

const base: AnsweredRequest = { method: 'GET', route: '/v1/certificates/:id', status: 200, elapsedMs: 12.345, requestId: 'req-1234567', principal: undefined, authorization: undefined };

describe('the access log line of a request', () => {
  it('names the method, route pattern, status, duration, caller and request id', () => {
    expect(accessLogEntry({ ...base, principal: { kind: PrincipalKind.AUTHORITY, authorityId: 'a', code: 'KH-MOC', country: 'KH', roles: [], apiKeyId: 'k' } })).toEqual({
      level: 'info',
      fields: { reqId: 'req-1234567', method: 'GET', route: '/v1/certificates/:id', status: 200, durationMs: 12.3, caller: 'authority:KH-MOC' },
    });
  });

  it('logs refusals at info, with the public prefix of the key that was refused and nothing of its secret', () => {
    const secret = 'A'.repeat(43);
    const entry = accessLogEntry({ ...base, status: 401, authorization: `Bearer ecoo_abcdefgh1234_${secret}` });
    expect(entry).toMatchObject({ level: 'info', fields: { status: 401, caller: 'unresolved:ecoo_abcdefgh1234' } });
    expect(JSON.stringify(entry)).not.toContain(secret);
    expect(accessLogEntry({ ...base, status: 401, authorization: 'Bearer some-operator-token-guess-0000' })?.fields.caller).toBe('anonymous');
    expect(accessLogEntry({ ...base, status: 403, principal: { kind: PrincipalKind.OPERATOR } })?.fields).toMatchObject({ status: 403, caller: 'operator' });
  });

  it('logs server errors at error, and unmatched routes as such', () => {
    expect(accessLogEntry({ ...base, status: 500 })?.level).toBe('error');
    expect(accessLogEntry({ ...base, route: undefined, status: 404 })?.fields.route).toBe('unmatched');
  });

  it('leaves out successful health probes only', () => {
    expect(accessLogEntry({ ...base, route: '/health' })).toBeUndefined();
    expect(accessLogEntry({ ...base, route: '/health', status: 503 })?.fields.status).toBe(503);
    expect(accessLogEntry({ ...base, route: '/metrics' })?.fields.route).toBe('/metrics');
  });
});
