import { PublicRateLimiter } from '../../src/core/http/rate-limit/public-rate-limiter';
import { TestHub } from '../support/hub';
import { issue, verify } from '../support/verification';

// POST /v1/verifications/batch through the real app: one verdict per reference, as the single
// verification gives it; anonymous callers pay one public attempt per reference, in PostgreSQL.
describe('verification: batch by reference', () => {
  const LIMIT = 5;
  let hub: TestHub;
  let issuer: string;
  let customsJp: string;
  let certificates: any[];

  beforeAll(async () => {
    // A day-long window, so a window boundary cannot fall inside the test.
    hub = await TestHub.start({ env: { HUB_PUBLIC_RATE_LIMIT: String(LIMIT), HUB_PUBLIC_RATE_WINDOW_SECONDS: '86400' } });
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customsJp = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    certificates = [await issue(hub, issuer), await issue(hub, issuer)];
    // Japan's customs are served here: their local deliveries change the import status, so the
    // answers compared below are taken once those deliveries are made.
    await hub.waitForQueues();
  });

  afterAll(async () => {
    await hub.close();
  });

  const referenceTo = (cert: any) => ({ issuingAuthority: 'KH-MOC', certificateNumber: cert.certificateNumber });
  const batch = (references: unknown[], options: { token?: string; from?: string } = {}) =>
    hub.request('POST', '/v1/verifications/batch', { token: options.token, body: { references }, headers: options.from ? { 'x-forwarded-for': options.from } : {} });
  const hitsOf = async (address: string): Promise<number | undefined> => {
    const [row] = await hub.dataSource.query(`SELECT hits FROM public_rate_limits WHERE scope = 'verification' AND client_key = $1`, [hub.app.get(PublicRateLimiter).clientKey(address)]);
    return row?.hits;
  };

  it('gives the importing customs one verdict per reference, each as the single verification gives it, and logs each', async () => {
    const before = await hub.count('verifications');
    const unknown = { issuingAuthority: 'KH-MOC', certificateNumber: 'KH-NO-SUCH-NUMBER' };
    const malformed = { issuingAuthority: 'KH MOC!', certificateNumber: 12, extra: true };
    const aDocument = { document: { certificateNumber: 'X' }, signature: 'AAAA' };
    const res = await batch([referenceTo(certificates[0]), unknown, malformed, aDocument, { ...referenceTo(certificates[1]), copyNumber: 0 }], { token: customsJp });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verified: 3, failed: 2 });
    expect(res.body.results.map((r: any) => [r.index, r.status])).toEqual([[0, 200], [1, 200], [2, 422], [3, 422], [4, 200]]);

    for (const [index, reference] of [[0, referenceTo(certificates[0])], [1, unknown], [4, { ...referenceTo(certificates[1]), copyNumber: 0 }]] as const) {
      const single = await verify(hub, reference, { token: customsJp });
      // The whole answer but its time.
      const { verifiedAt: _batchTime, ...inBatch } = res.body.results[index].verification;
      const { verifiedAt: _singleTime, ...alone } = single.body;
      expect(inBatch).toEqual(alone);
    }
    expect(res.body.results[0].verification).toMatchObject({ verdict: 'VALID', scope: 'FULL', certificate: { id: certificates[0].id } });
    // The same problems as the single endpoint; a document is sent there, not in a batch.
    const singleMalformed = await verify(hub, malformed, { token: customsJp });
    expect(res.body.results[2].problem).toMatchObject({ status: 422, code: singleMalformed.body.code, violations: singleMalformed.body.violations, instance: '/v1/verifications/batch' });
    expect(res.body.results[3].problem).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', violations: [expect.objectContaining({ ruleId: 'VERIFY-REQ-001' })] });
    // Three verified in the batch, three singly: six log rows; the refused references are no verification.
    expect(await hub.count('verifications')).toBe(before + 6);
    expect(await hub.count('verifications', 'certificate_id = $1', [certificates[0].id])).toBeGreaterThanOrEqual(2);
  });

  it('counts each reference of an anonymous batch as one public attempt, answering past the limit with 429s', async () => {
    const from = '203.0.113.90';
    const first = await batch([referenceTo(certificates[0]), referenceTo(certificates[1]), referenceTo(certificates[0])], { from });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: any) => r.verification.scope)).toEqual(['PUBLIC', 'PUBLIC', 'PUBLIC']);
    expect(first.body.results[0].verification).toMatchObject({ verdict: 'VALID', summary: { certificateNumber: certificates[0].certificateNumber } });
    expect(first.body.results[0].verification.checks).toBeUndefined();
    expect(first.headers.get('ratelimit-remaining')).toBe('2');
    expect(await hitsOf(from)).toBe(3);

    // Two attempts remain: the first two references are verified, the other two refused each.
    const second = await batch([referenceTo(certificates[1]), referenceTo(certificates[0]), referenceTo(certificates[1]), referenceTo(certificates[0])], { from });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ verified: 2, failed: 2 });
    expect(second.body.results.map((r: any) => r.status)).toEqual([200, 200, 429, 429]);
    expect(second.body.results[3].problem).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429, retryAfterSeconds: expect.any(Number) });
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await hitsOf(from)).toBe(7);

    // Nothing left: the whole batch is 429, and so is the single endpoint, which shares the budget.
    const third = await batch([referenceTo(certificates[0])], { from });
    expect(third.status).toBe(429);
    expect(third.headers.get('content-type')).toContain('application/problem+json');
    expect(third.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(Number(third.headers.get('retry-after'))).toBe(third.body.retryAfterSeconds);
    expect((await verify(hub, referenceTo(certificates[0]), { from })).status).toBe(429);

    // With a key, the same address is not counted; another address has its own budget.
    const keyed = await batch([referenceTo(certificates[0])], { from, token: customsJp });
    expect(keyed.status).toBe(200);
    expect(keyed.body.results[0].verification.scope).toBe('FULL');
    expect(await hitsOf(from)).toBe(9);
    expect((await batch([referenceTo(certificates[0])], { from: '203.0.113.91' })).status).toBe(200);
  });

  it('refuses a whole batch that is not one before counting it, and holds it to the batch body limit', async () => {
    const from = '203.0.113.92';
    const tooMany = await batch(Array.from({ length: 501 }, () => referenceTo(certificates[0])), { from });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.violations).toEqual([expect.objectContaining({ ruleId: 'BATCH-004', path: 'references' })]);
    const notArray = await hub.request('POST', '/v1/verifications/batch', { body: { references: referenceTo(certificates[0]) }, headers: { 'x-forwarded-for': from } });
    expect(notArray.status).toBe(422);
    expect(notArray.body.violations[0].ruleId).toBe('BATCH-002');
    expect(await hitsOf(from)).toBeUndefined();

    const huge = await hub.request('POST', '/v1/verifications/batch', { rawBody: 'x'.repeat(4 * 1024 * 1024 + 1), headers: { 'content-type': 'application/json', 'x-forwarded-for': from } });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    const multipart = await hub.request('POST', '/v1/verifications/batch', { rawBody: '--x\r\n\r\n--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(multipart.status).toBe(415);
  });
});
