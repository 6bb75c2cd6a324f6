import { randomUUID } from 'node:crypto';
import { cambodiaToJapan, japanToCambodia } from '../fixtures/certificates';
import { deliveriesOf, devNodeIdentity, eventually, partnerBody, trustIssuerAcross } from '../support/exchange';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

// Hub boots, leases that must run out, and a hub restart need more than 5 s.
jest.setTimeout(180_000);

// Two hubs that expose no endpoint to each other: each registers the other as PULL (its envelopes
// wait) and pulls from it (pullFrom), through the real protocol, node signatures checked both ways.
// The chaos of the push test, applied to pulls: a node that takes envelopes and dies before it
// acknowledges them, acknowledgements sent twice, a hub restarted, stale envelopes signed again.
describe('exchange: pull mode, two hubs both ways', () => {
  const cambodiaNode = devNodeIdentity('KH pull node');
  const japanNode = devNodeIdentity('JP pull node');
  let japanDb: { url: string; restore: () => Promise<void> };
  let cambodiaDb: { url: string; restore: () => Promise<void> };
  let japan: TestHub;
  let cambodia: TestHub;
  let moc: string;
  let meti: string;
  let japanAtCambodia: string;
  let cambodiaAtJapan: string;
  // The token Japan's node pulls from Cambodia with, and the one Cambodia's node posts to Japan with.
  let japanToken: string;
  let cambodiaToken: string;

  // Restarted on its database and port, so what Cambodia holds of it (the URL it pulls from) stays true.
  async function startJapan(): Promise<TestHub> {
    const selected = process.env.DATABASE_URL;
    process.env.DATABASE_URL = japanDb.url;
    try {
      return await TestHub.startAs('pull-jp', japanNode, { port: japan ? Number(new URL(japan.baseUrl).port) : undefined });
    } finally {
      process.env.DATABASE_URL = selected;
    }
  }

  beforeAll(async () => {
    japanDb = await useOwnDatabase('pull_jp');
    japan = await startJapan();
    cambodiaDb = await useOwnDatabase('pull_kh');
    // Cambodia signs each envelope again as it serves it (0: always), as a hub would one that waited a day.
    process.env.HUB_ENVELOPE_RESIGN_AFTER_MS = '0';
    process.env.HUB_RECONCILE_EVERY_MS = '1000';
    try {
      cambodia = await TestHub.startAs('pull-kh', cambodiaNode);
    } finally {
      delete process.env.HUB_ENVELOPE_RESIGN_AFTER_MS;
      delete process.env.HUB_RECONCILE_EVERY_MS;
    }
    moc = await cambodia.authority('KH-MOC', 'KH', ['ISSUER']);
    await cambodia.authority('KH-CUSTOMS', 'KH', ['CUSTOMS']);
    meti = await japan.authority('JP-METI', 'JP', ['ISSUER']);
    await japan.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await trustIssuerAcross(cambodia, japan, 'KH-MOC');
    await trustIssuerAcross(japan, cambodia, 'JP-METI');

    const japanCertificate = (await japan.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const cambodiaCertificate = (await cambodia.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    // Pushes, once the switch test sends by push, retry quickly and long enough for a hub restart.
    const pulling = { deliveryMode: 'PULL', retry: { maxAttempts: 100, baseDelayMs: 50, maxDelayMs: 200 }, circuitBreaker: { failureThreshold: 1000 } };
    const { endpointUrl: _none, ...withoutEndpoint } = partnerBody({ code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: cambodiaCertificate, outboundAuth: { type: 'NONE' }, ...pulling });
    const atJapan = await japan.operator('POST', '/v1/partners', withoutEndpoint);
    const { endpointUrl: _neither, ...alsoWithoutEndpoint } = partnerBody({
      code: 'JP-HUB',
      nodeCertificate: japanCertificate,
      outboundAuth: { type: 'BEARER', token: atJapan.body.inboundToken },
      pullFrom: { url: japan.baseUrl, everyMs: 500 },
      ...pulling,
    });
    const atCambodia = await cambodia.operator('POST', '/v1/partners', alsoWithoutEndpoint);
    const patched = await japan.operator('PATCH', `/v1/partners/${atJapan.body.id}`, { outboundAuth: { type: 'BEARER', token: atCambodia.body.inboundToken }, pullFrom: { url: cambodia.baseUrl, everyMs: 500 } });
    expect([atJapan.status, atCambodia.status, patched.status]).toEqual([201, 201, 200]);
    expect(patched.body).toMatchObject({ endpointUrl: null, deliveryMode: 'PULL', pullFrom: { url: cambodia.baseUrl, everyMs: 500 } });
    japanAtCambodia = atCambodia.body.id;
    cambodiaAtJapan = atJapan.body.id;
    japanToken = atCambodia.body.inboundToken;
    cambodiaToken = atJapan.body.inboundToken;
  });

  afterAll(async () => {
    await cambodia?.close();
    await japan?.close();
    await cambodiaDb.restore();
    await japanDb.restore();
  });

  async function issue(hub: TestHub, token: string, document: Record<string, unknown>): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token, body: document });
    expect(created.status).toBe(201);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token });
    expect(issued.status).toBe(200);
    return issued.body;
  }

  const deliveryOf = async (id: string) => (await deliveriesOf(cambodia, TEST_ADMIN_TOKEN, id))[0];
  const settled = (hub: TestHub, token: string, id: string) =>
    eventually(`the delivery of ${id} to settle`, () => deliveriesOf(hub, token, id), (ds) => ds[0]?.status !== 'PENDING').then((ds) => ds[0]);
  const pull = (body: Record<string, unknown>) => cambodia.request('POST', '/v1/exchange/pull', { token: japanToken, body });
  const acknowledge = (acknowledgements: unknown[]) => cambodia.request('POST', '/v1/exchange/pull/acknowledgements', { token: japanToken, body: { acknowledgements } });

  it('each hub takes what waits for it from the other, checks it as if it had been pushed, and acknowledges it', async () => {
    const toJapan = await issue(cambodia, moc, cambodiaToJapan());
    const toCambodia = await issue(japan, meti, japanToCambodia());
    const [there, back] = await Promise.all([settled(cambodia, moc, toJapan.id), settled(japan, meti, toCambodia.id)]);
    expect(there).toMatchObject({ status: 'DELIVERED', recipient: { partner: 'JP-HUB', authority: 'JP-CUSTOMS' }, acknowledgement: { status: 'DELIVERED', envelopeId: there.envelopeId } });
    expect(back).toMatchObject({ status: 'DELIVERED', recipient: { partner: 'KH-HUB', authority: 'KH-CUSTOMS' } });
    expect(await japan.count('inbound_envelopes', 'envelope_id = $1 AND status = $2', [there.envelopeId, 'DELIVERED'])).toBe(1);
    expect(await cambodia.count('inbound_envelopes', 'envelope_id = $1 AND status = $2', [back.envelopeId, 'DELIVERED'])).toBe(1);
    // One pull, one acknowledgement: one attempt.
    expect(there).toMatchObject({ attemptCount: 1, attempts: [{ number: 1, outcome: 'ACKNOWLEDGED', httpStatus: 200 }] });

    // A pulled envelope meets the node signature check a pushed one does: Japan, holding a wrong
    // certificate for Cambodia's node, refuses it with the code a push would get, and Cambodia fails it so.
    const right = (await japan.operator('GET', `/v1/partners/${cambodiaAtJapan}`)).body.nodeCertificate.pem;
    expect((await japan.operator('PATCH', `/v1/partners/${cambodiaAtJapan}`, { nodeCertificate: devNodeIdentity('Not Cambodia').certificatePem })).status).toBe(200);
    const refused = await settled(cambodia, TEST_ADMIN_TOKEN, (await issue(cambodia, moc, cambodiaToJapan())).id);
    expect(refused).toMatchObject({ status: 'FAILED', lastErrorCode: 'PARTNER_REFUSED', lastError: 'HTTP 422 ENVELOPE_SIGNATURE_INVALID' });
    expect(await japan.count('quarantined_envelopes', `reason = 'SIGNATURE_INVALID' AND envelope_id = $1`, [refused.envelopeId])).toBe(1);
    expect((await japan.operator('PATCH', `/v1/partners/${cambodiaAtJapan}`, { nodeCertificate: right })).status).toBe(200);
  });

  it('validates a pull and its acknowledgements, and refuses a stranger', async () => {
    expect((await cambodia.request('POST', '/v1/exchange/pull', { body: {} })).status).toBe(401);
    const bad = await pull({ limit: 101, leaseMs: 'soon' });
    expect(bad.status).toBe(422);
    expect(bad.body.violations.map((v: { path: string }) => v.path).sort()).toEqual(['leaseMs', 'limit']);
    const unknown = randomUUID();
    const answered = await acknowledge([
      { envelopeId: unknown, acknowledgement: { status: 'DELIVERED', envelopeId: unknown, warnings: [] } },
      { envelopeId: randomUUID(), refusal: { code: 'ENVELOPE_SIGNATURE_INVALID' } },
    ]);
    expect(answered.status).toBe(200);
    expect(answered.body.results.map((r: { result: string; code: string }) => [r.result, r.code])).toEqual([
      ['REFUSED', 'PULL_ENVELOPE_UNKNOWN'],
      ['REFUSED', 'PULL_ENVELOPE_UNKNOWN'],
    ]);
    expect((await acknowledge([{ envelopeId: unknown }])).status).toBe(422);
    // Only a PULL partner goes without an endpoint.
    const { endpointUrl: _none, ...pushWithout } = partnerBody({ code: 'TH-NSW', routes: [{ country: 'TH', authority: 'TH-CUSTOMS' }] });
    const refused = await cambodia.operator('POST', '/v1/partners', pushWithout);
    expect(refused.status).toBe(422);
    expect(refused.body.violations.map((v: { path: string }) => v.path)).toEqual(['endpointUrl']);
    const switched = await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { deliveryMode: 'PUSH' });
    expect(switched.status).toBe(422);
    expect(switched.body.violations).toEqual([expect.objectContaining({ ruleId: 'PARTNER-ENDPOINT-001', path: 'endpointUrl' })]);
  });

  it('loses and doubles nothing when the puller dies before it acknowledges, acknowledges twice, and its hub restarts', async () => {
    await japan.close();
    const issued = [];
    for (let i = 0; i < 4; i++) issued.push(await issue(cambodia, moc, cambodiaToJapan()));
    // Japan's node takes two envelopes, hands the first to its hub, and dies before acknowledging either.
    const taken = await pull({ limit: 2, leaseMs: 60_000 });
    expect(taken.status).toBe(200);
    expect(taken.body.envelopes).toHaveLength(2);
    expect(taken.body.envelopes.map((e: { envelopeId: string }) => e.envelopeId)).toEqual([(await deliveryOf(issued[0].id)).envelopeId, (await deliveryOf(issued[1].id)).envelopeId]);
    const [first] = taken.body.envelopes;
    expect(await deliveryOf(issued[0].id)).toMatchObject({ status: 'PENDING', attemptCount: 1, nextAttemptAt: taken.body.leaseUntil });
    // Leased: another pull gets the two others only, however many it asks for.
    const rest = await pull({ limit: 100, leaseMs: 60_000 });
    expect(rest.body.envelopes.map((e: { envelopeId: string }) => e.envelopeId)).toEqual([(await deliveryOf(issued[2].id)).envelopeId, (await deliveryOf(issued[3].id)).envelopeId]);
    japan = await startJapan();
    const stored = await japan.request('POST', '/v1/exchange/envelopes', { token: cambodiaToken, body: first });
    expect(stored.body).toMatchObject({ status: 'DELIVERED', envelopeId: first.envelopeId });
    // That node died too. Once the leases run out (cut short here rather than waited for), Japan's own
    // pulls take all four, signed again as they are served: Japan answers the first as the one it
    // holds, no conflict.
    await cambodia.dataSource.query(`UPDATE deliveries SET lease_until = now() WHERE envelope_id = ANY($1::uuid[])`, [[...taken.body.envelopes, ...rest.body.envelopes].map((e: { envelopeId: string }) => e.envelopeId)]);
    const delivered = await Promise.all(issued.map((c) => settled(cambodia, TEST_ADMIN_TOKEN, c.id)));
    expect(delivered.map((d) => d.status)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED', 'DELIVERED']);
    // Served twice, its lease run out once; Japan answered the second signing with its first acknowledgement (no 409).
    expect(delivered[0].attempts.map((a: { outcome: string; error: string | null }) => [a.outcome, a.error])).toEqual([
      ['RETRY', 'no answer within 60000 ms: pulled and not acknowledged within its lease'],
      ['ACKNOWLEDGED', null],
    ]);
    const [resigned] = await cambodia.dataSource.query('SELECT envelope, earlier_created_at FROM deliveries WHERE envelope_id = $1', [first.envelopeId]);
    expect(resigned.earlier_created_at).toContain(first.createdAt);
    expect(resigned.envelope.createdAt).not.toBe(first.createdAt);
    const ids = delivered.map((d) => d.envelopeId);
    const held = await japan.dataSource.query('SELECT envelope_id, count(*)::int AS n FROM inbound_envelopes WHERE envelope_id = ANY($1::uuid[]) GROUP BY envelope_id', [ids]);
    expect(held.map((r: { n: number }) => r.n)).toEqual([1, 1, 1, 1]);
    expect(await japan.count('certificates', `certificate_number = ANY($1)`, [issued.map((c) => c.certificateNumber)])).toBe(4);

    // Acknowledged twice: nothing changes.
    const before = await cambodia.dataSource.query('SELECT id, status, acknowledged_at, attempts FROM deliveries WHERE envelope_id = ANY($1::uuid[]) ORDER BY id', [ids]);
    const again = await acknowledge(delivered.map((d) => ({ envelopeId: d.envelopeId, acknowledgement: d.acknowledgement })));
    expect(again.body.results.map((r: { result: string }) => r.result)).toEqual(['ALREADY_SETTLED', 'ALREADY_SETTLED', 'ALREADY_SETTLED', 'ALREADY_SETTLED']);
    expect(await cambodia.dataSource.query('SELECT id, status, acknowledged_at, attempts FROM deliveries WHERE envelope_id = ANY($1::uuid[]) ORDER BY id', [ids])).toEqual(before);
  });

  it('fails what waits past the budget in time, visibly and redeliverably, and a refusal with its code', async () => {
    await japan.close();
    expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { retry: { maxAgeMs: 1000 } })).status).toBe(200);
    const waiting = await issue(cambodia, moc, cambodiaToJapan());
    const failed = await settled(cambodia, moc, waiting.id);
    expect(failed).toMatchObject({ status: 'FAILED', lastErrorCode: 'RETRY_BUDGET_SPENT' });
    expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { retry: { maxAgeMs: 172_800_000 } })).status).toBe(200);
    expect((await cambodia.operator('POST', `/v1/deliveries/${failed.id}/redeliver`)).body.redelivered).toBe(1);

    const refused = await issue(cambodia, moc, cambodiaToJapan());
    const page = await pull({ limit: 100 });
    const refusedId = (await deliveryOf(refused.id)).envelopeId;
    expect(page.body.envelopes.map((e: { envelopeId: string }) => e.envelopeId).sort()).toEqual([failed.envelopeId, refusedId].sort());
    const answer = await acknowledge([{ envelopeId: refusedId, refusal: { code: 'ENVELOPE_SIGNATURE_INVALID', status: 422, detail: 'not our partner' } }]);
    expect(answer.body.results).toEqual([{ envelopeId: refusedId, result: 'RECORDED', deliveryStatus: 'FAILED' }]);
    expect(await deliveryOf(refused.id)).toMatchObject({ status: 'FAILED', lastError: 'HTTP 422 ENVELOPE_SIGNATURE_INVALID' });

    // The redelivered one goes once Japan is back (its lease from the pull above cut short).
    await cambodia.dataSource.query(`UPDATE deliveries SET lease_until = now() WHERE envelope_id = $1`, [failed.envelopeId]);
    japan = await startJapan();
    expect(await settled(cambodia, moc, waiting.id)).toMatchObject({ status: 'DELIVERED', generation: 1 });
  });

  it('switches between push and pull without losing or doubling anything', async () => {
    await japan.close();
    const waited = await issue(cambodia, moc, cambodiaToJapan());
    // Sent from now on: what waited to be pulled goes by push, retried until Japan's hub is back.
    const toPush = await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { deliveryMode: 'PUSH', endpointUrl: japan.baseUrl });
    expect(toPush.body).toMatchObject({ deliveryMode: 'PUSH' });
    japan = await startJapan();
    const pushed = await settled(cambodia, moc, waited.id);
    expect(pushed).toMatchObject({ status: 'DELIVERED' });
    // A PUSH partner does not pull.
    expect((await pull({})).body).toMatchObject({ code: 'PULL_NOT_ENABLED' });
    expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { deliveryMode: 'PULL' })).status).toBe(200);
    const pulled = await settled(cambodia, moc, (await issue(cambodia, moc, cambodiaToJapan())).id);
    expect(pulled).toMatchObject({ status: 'DELIVERED' });
    for (const envelopeId of [pushed.envelopeId, pulled.envelopeId]) expect(await japan.count('inbound_envelopes', 'envelope_id = $1', [envelopeId])).toBe(1);

    // Japan stops pulling from Cambodia: its repeating job goes.
    const scheduler = () => japan.queues.queue('exchange-pull').getJobScheduler(`pull-from-${cambodiaAtJapan}`);
    expect(await scheduler()).toBeTruthy();
    const stopped = await japan.operator('PATCH', `/v1/partners/${cambodiaAtJapan}`, { pullFrom: null });
    expect(stopped.body).toMatchObject({ pullFrom: null });
    expect(await scheduler()).toBeFalsy();
  });
});
