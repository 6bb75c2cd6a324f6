import { classifyTransportResult } from './retry-policy';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const ENVELOPE = '5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f';

function response(status: number, body: unknown = undefined, retryAfter?: string) {
  return classifyTransportResult({ kind: 'RESPONSE', status, body, retryAfter }, ENVELOPE, NOW);
}

describe('classifying what a partner answered', () => {
  it('takes a 200 with an acknowledgement of this envelope', () => {
    expect(response(200, { status: 'DELIVERED', envelopeId: ENVELOPE })).toMatchObject({
      kind: 'ACKNOWLEDGED',
      httpStatus: 200,
      acknowledgement: { status: 'DELIVERED', envelopeId: ENVELOPE, warnings: [] },
    });
  });

  it('retries a 200 that acknowledges nothing or another envelope', () => {
    expect(response(200, '<html>ok</html>')).toMatchObject({ kind: 'RETRY', httpStatus: 200 });
    expect(response(200, { status: 'DELIVERED', envelopeId: 'another' })).toMatchObject({ kind: 'RETRY', error: expect.stringContaining('another envelope') });
  });

  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(response(status)).toMatchObject({ kind: 'RETRY', httpStatus: status, error: `HTTP ${status}` });
  });

  it.each([400, 401, 403, 404, 409, 413, 422])('takes HTTP %i as final', (status) => {
    expect(response(status, { code: 'ENVELOPE_SIGNATURE_INVALID' })).toEqual({ kind: 'REFUSED', httpStatus: status, error: `HTTP ${status} ENVELOPE_SIGNATURE_INVALID` });
  });

  it('does not follow redirects', () => {
    expect(response(302)).toMatchObject({ kind: 'REFUSED', error: 'HTTP 302: redirects are not followed' });
  });

  it('retries timeouts and network errors', () => {
    expect(classifyTransportResult({ kind: 'TIMEOUT', afterMs: 2000 }, ENVELOPE, NOW)).toEqual({ kind: 'RETRY', error: 'no answer within 2000 ms' });
    expect(classifyTransportResult({ kind: 'NETWORK_ERROR', code: 'ECONNRESET' }, ENVELOPE, NOW)).toEqual({ kind: 'RETRY', error: 'network error ECONNRESET' });
  });

  it('carries Retry-After of a 429 or 503 as milliseconds', () => {
    expect(response(429, undefined, '7')).toMatchObject({ kind: 'RETRY', retryAfterMs: 7000 });
    expect(response(503, undefined, 'Fri, 27 Nov 2026 10:01:00 GMT')).toMatchObject({ kind: 'RETRY', retryAfterMs: 60000 });
  });

  it('keeps problem codes that are codes and nothing else from the body', () => {
    expect(response(400, { code: 'x; DROP TABLE' })).toMatchObject({ error: 'HTTP 400' });
  });
});
