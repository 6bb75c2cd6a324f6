import { cambodiaToJapan } from '../fixtures/certificates';
import { deliveriesOf, eventually } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

// A shared hub: Cambodia's Ministry of Commerce issues here and Japan's customs receive here, so the
// CUSTOMS_RESPONSE travels the local route and both parties read the one certificate row.
describe('customs responses: the importing customs answer a certificate', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let moc: string;
  let customs: string;
  let osakaCustoms: string;
  let thaiCustoms: string;
  let consignee: string;

  beforeAll(async () => {
    own = await useOwnDatabase('customs_responses');
    hub = await TestHub.start();
    moc = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    osakaCustoms = await hub.authority('JP-CUSTOMS-OSAKA', 'JP', ['CUSTOMS']);
    thaiCustoms = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
    consignee = await hub.trader('JP-CN-1234567890123', 'JP');
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  async function issued(): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token: moc, body: cambodiaToJapan() });
    expect(created.status).toBe(201);
    const res = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: moc });
    expect(res.status).toBe(200);
    // Japan's customs have it once the local delivery of CO_ISSUED is through.
    await eventually('importStatus RECEIVED', () => certificate(res.body.id), (c) => c.importStatus === 'RECEIVED');
    return res.body;
  }

  const answer = (id: string, body: unknown, token = customs, headers: Record<string, string> = {}) => hub.request('POST', `/v1/certificates/${id}/customs-responses`, { token, body, headers });
  const certificate = async (id: string) => (await hub.request('GET', `/v1/certificates/${id}`, { token: customs })).body;
  const customsResponseDelivery = (id: string) =>
    eventually('the CUSTOMS_RESPONSE delivery', () => deliveriesOf(hub, moc, id), (ds) => ds.some((d) => d.messageType === 'CUSTOMS_RESPONSE' && d.status !== 'PENDING')).then((ds) =>
      ds.find((d) => d.messageType === 'CUSTOMS_RESPONSE'),
    );

  it('accepts a certificate: importStatus moves, the answer is recorded, audited and delivered to the issuer', async () => {
    const cert = await issued();
    const res = await answer(cert.id, { decision: 'ACCEPT' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ certificateId: cert.id, certificateNumber: cert.certificateNumber, responderAuthority: 'JP-CUSTOMS', decision: 'ACCEPT', importStatus: { from: 'RECEIVED', to: 'ACCEPTED' }, origin: 'LOCAL' });
    expect((await certificate(cert.id)).importStatus).toBe('ACCEPTED');

    const events = (await hub.request('GET', `/v1/certificates/${cert.id}/events`, { token: moc })).body.map((e: any) => [e.type, e.fromStatus, e.toStatus]);
    expect(events).toEqual(expect.arrayContaining([['IMPORT_STATUS_CHANGED', 'RECEIVED', 'ACCEPTED'], ['CUSTOMS_RESPONSE', 'RECEIVED', 'ACCEPTED']]));
    expect(await hub.count('audit_log', `action = 'CUSTOMS_RESPONSE_RECORDED' AND entity_id = $1`, [cert.id])).toBe(1);

    // The issuer is served here: the answer takes the local route and is applied once, by the sender.
    const delivery = await customsResponseDelivery(cert.id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', recipient: { route: 'LOCAL', authority: 'KH-MOC' } });
    const [{ envelope }] = await hub.dataSource.query(`SELECT envelope FROM deliveries WHERE id = $1`, [delivery.id]);
    expect(envelope).toMatchObject({ type: 'CUSTOMS_RESPONSE', from: 'JP-CUSTOMS', to: 'KH-MOC', refersTo: { documentHash: cert.documentHash }, payload: { customsResponse: { id: res.body.id, decision: 'ACCEPT' } } });
    expect(await hub.count('customs_responses', 'certificate_id = $1', [cert.id])).toBe(1);

    const seenByIssuer = await hub.request('GET', `/v1/certificates/${cert.id}/customs-responses`, { token: moc });
    expect(seenByIssuer.body).toEqual([expect.objectContaining({ id: res.body.id, decision: 'ACCEPT' })]);
    const inbox = await hub.request('GET', '/v1/inbox?kind=CUSTOMS_RESPONSE', { token: moc });
    expect(inbox.body.items).toContainEqual(expect.objectContaining({ kind: 'CUSTOMS_RESPONSE', id: res.body.id, counterpart: 'JP-CUSTOMS', status: 'ACCEPT', actionRequired: false }));
  });

  it('records uses in the ledger once, and refuses a use beyond what remains with CO-USE-001, changing nothing', async () => {
    const cert = await issued();
    const used = await answer(cert.id, { decision: 'USE', uses: [{ itemNumber: 1, quantity: '20000.50', unit: 'KGM' }] });
    expect(used.status).toBe(201);
    expect(used.body).toMatchObject({ decision: 'USE', importStatus: { from: 'RECEIVED', to: 'ACCEPTED' }, balances: [{ itemNumber: 1, unit: 'KGM', issued: '25000', used: '20000.5', remaining: '4999.5' }] });

    const over = await answer(cert.id, { decision: 'USE', uses: [{ itemNumber: 1, quantity: '5000', unit: 'KGM' }] });
    expect(over.status).toBe(422);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    expect(over.body).toMatchObject({ code: 'USE_NOT_AVAILABLE', violations: [{ ruleId: 'CO-USE-001', path: 'uses', message: 'item 1: 5000 KGM asked, 4999.5 KGM remains' }] });
    const wrongUnit = await answer(cert.id, { decision: 'USE', uses: [{ itemNumber: 1, quantity: '1', unit: 'TNE' }, { itemNumber: 7, quantity: '1', unit: 'KGM' }] });
    expect(wrongUnit.body.violations.map((v: any) => v.path)).toEqual(['uses[0].unit', 'uses[1].itemNumber']);
    expect(await hub.count('customs_responses', 'certificate_id = $1', [cert.id])).toBe(1);
    expect(await hub.count('certificate_uses', 'certificate_id = $1', [cert.id])).toBe(1);

    // The local delivery to the issuer does not record the use a second time.
    expect(await customsResponseDelivery(cert.id)).toMatchObject({ status: 'DELIVERED' });
    await hub.waitForQueues();
    expect(await hub.count('certificate_uses', 'certificate_id = $1 AND reference = $2', [cert.id, used.body.id])).toBe(1);
    expect(await hub.count('certificate_events', `certificate_id = $1 AND type IN ('CUSTOMS_RESPONSE', 'USE_RECORDED')`, [cert.id])).toBe(2);
  });

  it('asks a rejection for its reason, and answers an illegal move with 409 naming the current importStatus', async () => {
    const cert = await issued();
    const noReason = await answer(cert.id, { decision: 'REJECT' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.violations).toEqual([expect.objectContaining({ ruleId: 'CO-RESP-001', path: 'reason' })]);
    const rejected = await answer(cert.id, { decision: 'REJECT', reason: 'Goods are Thai rice, not Cambodian' });
    expect(rejected.status).toBe(201);
    expect((await certificate(cert.id)).importStatus).toBe('REJECTED');

    const accept = await answer(cert.id, { decision: 'ACCEPT' });
    expect(accept.status).toBe(409);
    expect(accept.body).toMatchObject({ code: 'ILLEGAL_IMPORT_TRANSITION', currentStatus: 'REJECTED' });
    const use = await answer(cert.id, { decision: 'USE', uses: [{ itemNumber: 1, quantity: '1', unit: 'KGM' }] });
    expect(use.body).toMatchObject({ status: 409, code: 'ILLEGAL_IMPORT_TRANSITION', currentStatus: 'REJECTED' });
    expect(await hub.count('customs_responses', 'certificate_id = $1', [cert.id])).toBe(1);
  });

  it('refuses to accept a certificate its issuer cancelled: the cancellation wins for validity', async () => {
    const cert = await issued();
    expect((await hub.request('POST', `/v1/certificates/${cert.id}/cancel`, { token: moc, body: { reason: 'Issued in error' } })).status).toBe(200);
    const res = await answer(cert.id, { decision: 'ACCEPT' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'ILLEGAL_IMPORT_TRANSITION', currentStatus: 'RECEIVED', certificateStatus: 'CANCELLED' });
  });

  it('refuses bodies of the wrong shape, listing every problem, and changes nothing', async () => {
    const cert = await issued();
    const mixed = await answer(cert.id, { decision: 'ACCEPT', uses: [{ itemNumber: 1, quantity: '1', unit: 'KGM' }] });
    expect(mixed.status).toBe(422);
    expect(mixed.body.violations).toEqual([expect.objectContaining({ ruleId: 'CO-RESP-003', path: 'uses' })]);
    const wrong = await answer(cert.id, { decision: 'MAYBE', uses: [{ itemNumber: '1', quantity: 12, unit: 'kg' }], note: 'x' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.violations.map((v: any) => v.path).sort()).toEqual(['decision', 'note', 'uses[0].itemNumber', 'uses[0].quantity', 'uses[0].unit']);
    const malformed = await hub.request('POST', `/v1/certificates/${cert.id}/customs-responses`, { token: customs, rawBody: '{"decision":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(await hub.count('customs_responses', 'certificate_id = $1', [cert.id])).toBe(0);
    expect((await certificate(cert.id)).importStatus).toBe('RECEIVED');
  });

  it('lets only the customs of the importing country answer: 403 for other roles, 404 for other countries and unknown ids', async () => {
    const cert = await issued();
    expect((await answer(cert.id, { decision: 'ACCEPT' }, moc)).status).toBe(403);
    expect((await answer(cert.id, { decision: 'ACCEPT' }, consignee)).status).toBe(403);
    expect((await hub.operator('POST', `/v1/certificates/${cert.id}/customs-responses`, { decision: 'ACCEPT' })).status).toBe(403);
    const thai = await answer(cert.id, { decision: 'ACCEPT' }, thaiCustoms);
    expect(thai.status).toBe(404);
    expect(thai.body.code).toBe('CERTIFICATE_NOT_FOUND');
    expect((await answer('7d0c4a1e-9a57-4c1b-8f3e-2f7a3f0e9b11', { decision: 'ACCEPT' })).status).toBe(404);
    expect((await answer('not-a-uuid', { decision: 'ACCEPT' })).status).toBe(404);
    expect((await hub.request('GET', `/v1/certificates/${cert.id}/customs-responses`, { token: thaiCustoms })).status).toBe(404);
    // Another customs office of the importing country may answer for it.
    expect((await answer(cert.id, { decision: 'ACCEPT' }, osakaCustoms)).status).toBe(201);
  });

  it('answers a repeated request with the same Idempotency-Key once', async () => {
    const cert = await issued();
    const headers = { 'idempotency-key': `accept-${cert.id}` };
    const first = await answer(cert.id, { decision: 'ACCEPT' }, customs, headers);
    const second = await answer(cert.id, { decision: 'ACCEPT' }, customs, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(await hub.count('customs_responses', 'certificate_id = $1', [cert.id])).toBe(1);
  });
});
