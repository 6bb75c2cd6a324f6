import { cambodiaToJapan } from '../fixtures/certificates';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { CertificateIssuance } from '../../src/certificates/certificate-issuance';

// POST /v1/certificates/batch through the real app: each item created and issued in its own
// savepoint of one transaction, with the single endpoints' problems; the batch's own body limit.
describe('certificates: batch issuance', () => {
  const BODY_LIMIT = 64 * 1024;
  const BATCH_BODY_LIMIT = 1024 * 1024;
  let hub: TestHub;
  let issuer: string;
  let customs: string;
  let trader: string;

  beforeAll(async () => {
    // A single body may hold 64 KiB here, a batch 1 MiB: the batch route has a limit of its own.
    hub = await TestHub.start({ env: { HUB_BODY_LIMIT: String(BODY_LIMIT), HUB_BATCH_BODY_LIMIT: String(BATCH_BODY_LIMIT) } });
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    trader = await hub.trader('KH-TIN-1234567', 'KH');
  });

  afterAll(async () => {
    await hub.close();
  });

  const batch = (certificates: unknown[], options: { token?: string; key?: string } = {}) =>
    hub.request('POST', '/v1/certificates/batch', {
      token: options.token ?? issuer,
      body: { certificates },
      headers: options.key ? { 'idempotency-key': options.key } : {},
    });

  const certificatesNumbered = (numbers: string[]) => hub.count('certificates', 'certificate_number = ANY($1)', [numbers]);

  it('issues the good items and refuses the bad ones with the codes the single endpoints give, each alone', async () => {
    const good1 = cambodiaToJapan();
    const badShape = cambodiaToJapan({ exportCountry: 'XX', unknownField: true });
    const draftNumber = cambodiaToJapan();
    const badRule = cambodiaToJapan({ items: [{ ...(cambodiaToJapan().items as any[])[0], hsCode: '9999.99' }] });
    const good2 = cambodiaToJapan();
    // A DRAFT made through the single endpoint holds this number: the batch item gets the same 409.
    expect((await hub.request('POST', '/v1/certificates', { token: issuer, body: draftNumber })).status).toBe(201);
    const takenItem = { ...cambodiaToJapan(), certificateNumber: draftNumber.certificateNumber };

    const res = await batch([good1, badShape, takenItem, badRule, 'not a certificate', good2]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ issued: 2, alreadyIssued: 0, failed: 4 });
    expect(res.body.results.map((r: any) => [r.index, r.outcome, r.status])).toEqual([
      [0, 'ISSUED', 201],
      [1, 'FAILED', 422],
      [2, 'FAILED', 409],
      [3, 'FAILED', 422],
      [4, 'FAILED', 422],
      [5, 'ISSUED', 201],
    ]);

    // The same problem details as the single create (type, title, status, code, violations).
    for (const [index, body] of [[1, badShape], [2, takenItem], [3, badRule], [4, 'not a certificate']] as const) {
      const single = await hub.request('POST', '/v1/certificates', { token: issuer, body });
      const { problem } = res.body.results[index];
      expect(problem).toMatchObject({ type: single.body.type, title: single.body.title, status: single.status, code: single.body.code, instance: '/v1/certificates/batch' });
      expect(problem.violations).toEqual(single.body.violations);
    }
    expect(res.body.results[2].problem.code).toBe('CERTIFICATE_NUMBER_TAKEN');
    expect(res.body.results[1].problem.violations.map((v: any) => v.path)).toEqual(expect.arrayContaining(['unknownField', 'exportCountry']));

    // The good ones landed issued and signed, with their history, audit entries and deliveries.
    for (const index of [0, 5]) {
      const { certificate } = res.body.results[index];
      expect(certificate).toMatchObject({ status: 'ISSUED', issuingAuthority: 'KH-MOC', copyNumber: 0 });
      const [row] = await hub.dataSource.query('SELECT status, signature_cms IS NOT NULL AS signed, document_hash FROM certificates WHERE id = $1', [certificate.id]);
      expect(row).toEqual({ status: 'ISSUED', signed: true, document_hash: certificate.documentHash });
      const events = await hub.dataSource.query('SELECT type FROM certificate_events WHERE certificate_id = $1 ORDER BY occurred_at, type', [certificate.id]);
      expect(events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['CREATED', 'ISSUED']));
      expect(await hub.count('audit_log', "entity_id = $1 AND action IN ('CERTIFICATE_CREATED', 'CERTIFICATE_ISSUED')", [certificate.id])).toBe(2);
      expect(await hub.count('deliveries', 'certificate_id = $1', [certificate.id])).toBe(1);
      const signature = await hub.request('GET', `/v1/certificates/${certificate.id}/signature`, { token: issuer });
      expect(signature.status).toBe(200);
    }
    // The refused ones left nothing behind: no row, event or audit entry of theirs.
    expect(await certificatesNumbered([badShape.certificateNumber as string, badRule.certificateNumber as string])).toBe(0);
    expect(await hub.count('certificates', 'certificate_number = $1', [draftNumber.certificateNumber])).toBe(1);
    expect(await hub.count('audit_log', "payload::jsonb->>'certificateNumber' = ANY($1)", [[badShape.certificateNumber, badRule.certificateNumber, takenItem.certificateNumber]])).toBe(1);
  });

  it('undoes an item that fails at its last step, after its rows were written, and nothing else', async () => {
    // Without a signing key, sealing fails once the certificate row is inserted and issued: the
    // item's savepoint takes its rows, events and audit entries back; the answer is the single issue's.
    const unsigned = await hub.authority('KH-BATCH-NOKEY', 'KH', ['ISSUER'], { signingKey: false });
    const items = [cambodiaToJapan(), cambodiaToJapan()];
    const res = await batch(items, { token: unsigned });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.outcome, r.status, r.problem.code])).toEqual([
      ['FAILED', 409, 'NO_ACTIVE_SIGNING_KEY'],
      ['FAILED', 409, 'NO_ACTIVE_SIGNING_KEY'],
    ]);
    const draft = await hub.request('POST', '/v1/certificates', { token: unsigned, body: cambodiaToJapan() });
    const single = await hub.request('POST', `/v1/certificates/${draft.body.id}/issue`, { token: unsigned });
    expect(res.body.results[0].problem).toMatchObject({ status: single.status, code: single.body.code, type: single.body.type });
    expect(await certificatesNumbered(items.map((i) => i.certificateNumber as string))).toBe(0);
    expect(await hub.count('audit_log', "payload::jsonb->>'certificateNumber' = ANY($1)", [items.map((i) => i.certificateNumber)])).toBe(0);
  });

  it('replays the whole batch for the same Idempotency-Key and body, stored with the batch, and refuses the key with another body', async () => {
    const items = [cambodiaToJapan(), cambodiaToJapan({ exportCountry: 'XX' })];
    const key = `batch-${Date.now()}`;
    const first = await batch(items, { key });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ issued: 1, failed: 1 });
    const [stored] = await hub.dataSource.query("SELECT response_status, completed_at IS NOT NULL AS completed FROM idempotency_keys WHERE key = $1", [key]);
    expect(stored).toEqual({ response_status: 200, completed: true });

    const again = await batch(items, { key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await certificatesNumbered([items[0].certificateNumber as string])).toBe(1);

    const other = await batch([cambodiaToJapan()], { key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys are the caller's: another issuer's same key is a new batch.
    const otherIssuer = await hub.authority('KH-CCC', 'KH', ['ISSUER']);
    const theirs = await batch([cambodiaToJapan()], { key, token: otherIssuer });
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers 409 while a batch with the same key is still in flight, and stores nothing for it', async () => {
    const key = `in-flight-${Date.now()}`;
    const [caller] = await hub.dataSource.query("SELECT 'authority:' || code AS label FROM authorities WHERE code = 'KH-MOC'");
    // Another transaction holds the key's lock, as a batch still running would.
    const runner = hub.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const { createHash } = await import('node:crypto');
      const lock = createHash('sha256').update(`idempotency\n${caller.label}\n${key}`).digest().readBigInt64BE(0).toString();
      await runner.query('SELECT pg_advisory_xact_lock($1::bigint)', [lock]);
      const res = await batch([cambodiaToJapan()], { key });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await hub.count('idempotency_keys', 'key = $1', [key])).toBe(0);
    expect((await batch([cambodiaToJapan()], { key })).status).toBe(200);
  });

  it('gives back a certificate already issued with identical content instead of a 409, and 409 for other content', async () => {
    const viaSingle = cambodiaToJapan();
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: viaSingle });
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer });
    expect(issued.status).toBe(200);
    const viaBatch = cambodiaToJapan();
    const first = await batch([viaBatch]);
    expect(first.body.results[0].outcome).toBe('ISSUED');

    const changed = { ...viaBatch, remarks: 'Another content under the same number' };
    // The numbers already used are read before any item is signed: a batch posted again signs nothing.
    const signing = jest.spyOn(hub.app.get(CertificateIssuance), 'signInPlace');
    let signed: number;
    const repost = await batch([viaSingle, viaBatch, changed, viaBatch]).finally(() => {
      signed = signing.mock.calls.length;
      signing.mockRestore();
    });
    expect(signed!).toBe(0);
    expect(repost.status).toBe(200);
    expect(repost.body.results.map((r: any) => [r.outcome, r.status])).toEqual([
      ['ALREADY_ISSUED', 200],
      ['ALREADY_ISSUED', 200],
      ['FAILED', 409],
      ['ALREADY_ISSUED', 200],
    ]);
    expect(repost.body.results[0].certificate).toMatchObject({ id: created.body.id, status: 'ISSUED', documentHash: issued.body.documentHash });
    expect(repost.body.results[1].certificate.id).toBe(first.body.results[0].certificate.id);
    expect(repost.body.results[2].problem.code).toBe('CERTIFICATE_NUMBER_TAKEN');
    expect(await certificatesNumbered([viaSingle.certificateNumber as string, viaBatch.certificateNumber as string])).toBe(2);

    // Twice the same new certificate in one batch: issued once, given back the second time.
    const twice = cambodiaToJapan();
    const res = await batch([twice, twice]);
    expect(res.body.results.map((r: any) => r.outcome)).toEqual(['ISSUED', 'ALREADY_ISSUED']);
    expect(res.body.results[1].certificate.id).toBe(res.body.results[0].certificate.id);
  });

  it('refuses a whole batch that is not one, listing every problem, and changes nothing', async () => {
    const before = await hub.count('certificates');
    const tooMany = await batch(Array.from({ length: 501 }, () => ({})));
    expect(tooMany.status).toBe(422);
    expect(tooMany.headers.get('content-type')).toContain('application/problem+json');
    expect(tooMany.body.violations).toEqual([expect.objectContaining({ ruleId: 'BATCH-004', path: 'certificates', message: expect.stringContaining('501 items') })]);

    const notArray = await hub.request('POST', '/v1/certificates/batch', { token: issuer, body: { certificates: cambodiaToJapan(), extra: 1 } });
    expect(notArray.status).toBe(422);
    expect(notArray.body.violations.map((v: any) => v.ruleId)).toEqual(['SHAPE-whitelistValidation', 'BATCH-002']);
    const bare = await hub.request('POST', '/v1/certificates/batch', { token: issuer, body: [cambodiaToJapan()] });
    expect(bare.status).toBe(422);
    expect(bare.body.violations[0].ruleId).toBe('BATCH-001');
    const empty = await batch([]);
    expect(empty.status).toBe(422);
    expect(empty.body.violations[0].ruleId).toBe('BATCH-003');
    const unreadable = await hub.request('POST', '/v1/certificates/batch', { token: issuer, rawBody: '{"certificates": [', headers: { 'content-type': 'application/json' } });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.code).toBe('MALFORMED_JSON');
    expect(await hub.count('certificates')).toBe(before);
  });

  it('holds the batch to its own body limit, checked before the body is read', async () => {
    // Over HUB_BODY_LIMIT but within the batch's: taken.
    const items = Array.from({ length: 50 }, () => cambodiaToJapan());
    expect(JSON.stringify({ certificates: items }).length).toBeGreaterThan(BODY_LIMIT);
    const within = await batch(items);
    expect(within.status).toBe(200);
    expect(within.body.issued).toBe(50);
    // The single endpoint keeps its own limit.
    const single = await hub.request('POST', '/v1/certificates', { token: issuer, body: { ...cambodiaToJapan(), remarks: 'x'.repeat(BODY_LIMIT) } });
    expect(single.status).toBe(413);

    // Over the batch's limit: 413 before parsing, so even a body that is no JSON at all gets 413, not 400.
    const garbage = await hub.request('POST', '/v1/certificates/batch', { token: issuer, rawBody: 'x'.repeat(BATCH_BODY_LIMIT + 1), headers: { 'content-type': 'application/json' } });
    expect(garbage.status).toBe(413);
    expect(garbage.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  });

  it('lets only issuing authorities batch-issue', async () => {
    const items = [cambodiaToJapan()];
    for (const token of [customs, trader, TEST_ADMIN_TOKEN]) {
      const res = await batch(items, { token });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const anonymous = await hub.request('POST', '/v1/certificates/batch', { body: { certificates: items } });
    expect(anonymous.status).toBe(401);
    expect(await certificatesNumbered([items[0].certificateNumber as string])).toBe(0);
  });

  it('documents the endpoint in the API document', () => {
    const operation = hub.openApi.paths['/v1/certificates/batch']?.post;
    expect(operation).toBeDefined();
    expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '413', '422']));
    expect(hub.openApi.components?.schemas?.CertificateBatchView).toBeDefined();
  });
});
