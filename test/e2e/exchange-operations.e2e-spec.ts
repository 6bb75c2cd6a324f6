import { cambodiaToJapan } from '../fixtures/certificates';
import { cambodiaTo, deliveriesOf, eventually, partnerBody } from '../support/exchange';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { PartnerSimulator, accept, fail } from '../../scripts/partner-simulator/simulator';

// jest.config.js sets testTimeout per project, where jest ignores it: deliveries and hub boots need more than 5 s.
jest.setTimeout(120_000);

describe('exchange: budgets, redelivery, routing, pause, circuit breaker, reconciler', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let simulator: PartnerSimulator;
  let issuer: string;
  let partnerId: string;

  beforeAll(async () => {
    own = await useOwnDatabase('exchange_ops');
    simulator = await PartnerSimulator.start();
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    const partner = await hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({ endpointUrl: simulator.url, retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 }, timeoutMs: 2000, circuitBreaker: { failureThreshold: 50 } }),
    );
    expect(partner.status).toBe(201);
    partnerId = partner.body.id;
  });

  afterEach(() => {
    simulator.always(accept());
  });

  afterAll(async () => {
    await hub.close();
    await simulator.close();
    await own.restore();
  });

  async function draft(document: Record<string, unknown> = cambodiaToJapan()): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: document });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function issue(document?: Record<string, unknown>): Promise<any> {
    const issued = await hub.request('POST', `/v1/certificates/${(await draft(document)).id}/issue`, { token: issuer });
    expect(issued.status).toBe(200);
    return issued.body;
  }

  async function deliveryIn(certificateId: string, check: (d: any) => boolean, what: string): Promise<any> {
    // The operator's view: the transport's own words are the operator's (issuers see codes).
    const found = await eventually(what, () => deliveriesOf(hub, TEST_ADMIN_TOKEN, certificateId), (ds) => ds.some(check));
    return found.find(check);
  }

  const partnerView = async (): Promise<any> => (await hub.operator('GET', `/v1/partners/${partnerId}`)).body;

  it('fails a delivery that spends its budget, and an operator redelivery really sends it again', async () => {
    simulator.always(fail(503));
    const certificate = await issue();
    const failed = await deliveryIn(certificate.id, (d) => d.status === 'FAILED', 'the delivery to fail');
    expect(failed).toMatchObject({ attemptCount: 3, lastError: 'HTTP 503 SIMULATED_503; the retry budget of 3 attempts is spent', lastErrorCode: 'RETRY_BUDGET_SPENT' });
    expect((await deliveriesOf(hub, issuer, certificate.id))[0]).toMatchObject({ lastErrorCode: 'RETRY_BUDGET_SPENT', attempts: [{ errorCode: 'PARTNER_ERROR' }, { errorCode: 'PARTNER_ERROR' }, { errorCode: 'PARTNER_ERROR' }] });
    expect(failed.attempts.map((a: any) => a.outcome)).toEqual(['RETRY', 'RETRY', 'RETRY']);
    expect(simulator.requestsFor(failed.envelopeId)).toHaveLength(3);

    simulator.always(accept());
    const res = await hub.operator('POST', `/v1/deliveries/${failed.id}/redeliver`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ redelivered: 1, deliveryIds: [failed.id] });
    const delivered = await deliveryIn(certificate.id, (d) => d.status === 'DELIVERED', 'the redelivery to arrive');
    expect(delivered).toMatchObject({ id: failed.id, envelopeId: failed.envelopeId, generation: 1, attemptCount: 1 });
    expect(delivered.attempts.map((a: any) => [a.generation, a.number, a.outcome])).toEqual([
      [0, 1, 'RETRY'],
      [0, 2, 'RETRY'],
      [0, 3, 'RETRY'],
      [1, 1, 'ACKNOWLEDGED'],
    ]);
    expect(simulator.requestsFor(failed.envelopeId)).toHaveLength(4);
    expect(await hub.count('audit_log', `action = 'DELIVERY_REDELIVERED' AND entity_id = $1`, [failed.id])).toBe(1);

    const again = await hub.operator('POST', `/v1/deliveries/${failed.id}/redeliver`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_DELIVERY_TRANSITION', currentStatus: 'DELIVERED' });
    expect((await hub.request('POST', `/v1/deliveries/${failed.id}/redeliver`, { token: issuer })).status).toBe(403);
  });

  it("redelivers everything FAILED for a partner at once", async () => {
    simulator.always(fail(400));
    const first = await issue();
    const second = await issue();
    for (const c of [first, second]) await deliveryIn(c.id, (d) => d.status === 'FAILED', 'a refusal');
    simulator.always(accept());
    const res = await hub.operator('POST', `/v1/partners/${partnerId}/redeliver`);
    expect(res.status).toBe(200);
    expect(res.body.redelivered).toBeGreaterThanOrEqual(2);
    for (const c of [first, second]) await deliveryIn(c.id, (d) => d.status === 'DELIVERED' && d.generation === 1, 'the redelivery');
    const listed = await hub.operator('GET', '/v1/deliveries?status=FAILED&partner=JP-NACCS');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([]);
  });

  it('records a destination nobody serves as UNROUTABLE, and routes it once a partner serves it', async () => {
    const certificate = await issue(cambodiaTo(cambodiaToJapan(), 'TH'));
    const [unroutable] = await deliveriesOf(hub, issuer, certificate.id);
    expect(unroutable).toMatchObject({ status: 'UNROUTABLE', recipient: { route: 'NONE', country: 'TH', authority: null, partner: null }, attempts: [] });
    const refused = await hub.operator('POST', `/v1/deliveries/${unroutable.id}/redeliver`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DELIVERY_UNROUTABLE');

    const thai = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'TH-NSW', endpointUrl: simulator.url, routes: [{ country: 'TH', authority: 'TH-CUSTOMS' }], outboundAuth: { type: 'NONE' } }));
    expect(thai.status).toBe(201);
    expect((await hub.operator('POST', `/v1/deliveries/${unroutable.id}/redeliver`)).status).toBe(200);
    const delivered = await deliveryIn(certificate.id, (d) => d.status === 'DELIVERED', 'the routed delivery');
    expect(delivered).toMatchObject({ id: unroutable.id, envelopeId: unroutable.envelopeId, recipient: { route: 'PARTNER', authority: 'TH-CUSTOMS', partner: 'TH-NSW' } });
    expect(simulator.requestsFor(unroutable.envelopeId)[0].envelope).toMatchObject({ to: 'TH-CUSTOMS', signature: { algorithm: 'RSA-SHA256' } });
  });

  it('delivers to a customs authority served by this hub itself, through the same outbox, without HTTP', async () => {
    await hub.authority('VN-CUSTOMS', 'VN', ['CUSTOMS']);
    const certificate = await issue(cambodiaTo(cambodiaToJapan(), 'VN'));
    const delivered = await deliveryIn(certificate.id, (d) => d.status === 'DELIVERED', 'the local delivery');
    expect(delivered).toMatchObject({ recipient: { route: 'LOCAL', country: 'VN', authority: 'VN-CUSTOMS', partner: null }, attempts: [{ outcome: 'ACKNOWLEDGED' }] });
    expect(simulator.requestsFor(delivered.envelopeId)).toHaveLength(0);
  });

  it('writes the replacement, cancellation and duplicate messages in the same transaction as the change', async () => {
    const original = await issue();
    const replacement = await hub.request('POST', `/v1/certificates/${original.id}/replacement`, {
      token: issuer,
      body: cambodiaToJapan({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: original.certificateNumber }),
    });
    expect(replacement.status).toBe(201);
    const replaced = await deliveryIn(replacement.body.id, (d) => d.messageType === 'CO_REPLACED' && d.status === 'DELIVERED', 'CO_REPLACED');
    expect(replaced.relatedCertificateId).toBe(original.id);
    expect(simulator.requestsFor(replaced.envelopeId)[0].envelope).toMatchObject({
      refersTo: { certificate: { certificateNumber: replacement.body.certificateNumber }, documentHash: replacement.body.documentHash },
      payload: { replaces: { certificate: { certificateNumber: original.certificateNumber, copyNumber: 0 }, documentHash: original.documentHash } },
    });
    // The original's page shows the message that replaced it.
    expect((await deliveriesOf(hub, issuer, original.id)).map((d) => d.messageType)).toEqual(['CO_ISSUED', 'CO_REPLACED']);

    const copy = await hub.request('POST', `/v1/certificates/${replacement.body.id}/duplicate`, { token: issuer, body: { reason: 'Lost' } });
    expect(copy.status).toBe(201);
    const duplicated = await deliveryIn(copy.body.id, (d) => d.messageType === 'CO_DUPLICATE' && d.status === 'DELIVERED', 'CO_DUPLICATE');
    expect(simulator.requestsFor(duplicated.envelopeId)[0].envelope).toMatchObject({ refersTo: { certificate: { copyNumber: 1 } }, payload: { duplicateOf: { certificate: { copyNumber: 0 } } } });

    const cancelled = await hub.request('POST', `/v1/certificates/${replacement.body.id}/cancel`, { token: issuer, body: { reason: 'Goods not shipped' } });
    expect(cancelled.status).toBe(200);
    const cancel = await deliveryIn(replacement.body.id, (d) => d.messageType === 'CO_CANCELLED' && d.status === 'DELIVERED', 'CO_CANCELLED');
    const envelope = simulator.requestsFor(cancel.envelopeId)[0].envelope as any;
    expect(envelope.payload).toEqual({ cancellation: { reason: 'Goods not shipped', cancelledAt: expect.any(String) } });

    // A change that is refused writes no delivery.
    const before = await hub.count('deliveries');
    expect((await hub.request('POST', `/v1/certificates/${replacement.body.id}/cancel`, { token: issuer, body: { reason: 'Twice' } })).status).toBe(409);
    expect(await hub.count('deliveries')).toBe(before);
  });

  it('holds deliveries for a paused partner and sends them when it is resumed', async () => {
    expect((await hub.operator('PATCH', `/v1/partners/${partnerId}`, { paused: true })).status).toBe(200);
    const certificate = await issue();
    const [waiting] = await deliveriesOf(hub, issuer, certificate.id);
    await hub.waitForQueues();
    expect((await deliveriesOf(hub, issuer, certificate.id))[0]).toMatchObject({ status: 'PENDING', attemptCount: 0, attempts: [] });
    expect(simulator.requestsFor(waiting.envelopeId)).toHaveLength(0);
    expect((await hub.operator('PATCH', `/v1/partners/${partnerId}`, { paused: false })).status).toBe(200);
    await deliveryIn(certificate.id, (d) => d.status === 'DELIVERED', 'the held delivery');
  });

  it('stops calling a partner that keeps failing and probes it after the cooldown', async () => {
    await hub.operator('PATCH', `/v1/partners/${partnerId}`, { retry: { maxAttempts: 100 }, circuitBreaker: { failureThreshold: 2, cooldownMs: 3000 } });
    try {
      simulator.always(fail(503));
      const certificate = await issue();
      const open = await eventually('the circuit to open', partnerView, (p) => p.circuitBreaker.state === 'OPEN');
      const callsWhenOpened = simulator.received.length;
      simulator.always(accept());
      const delivered = await deliveryIn(certificate.id, (d) => d.status === 'DELIVERED', 'the probe to get through');
      // The backoff alone would have called every 50-200 ms; the open circuit held every call back for the cooldown.
      expect(simulator.received.length).toBe(callsWhenOpened + 1);
      const probe = simulator.requestsFor(delivered.envelopeId).at(-1)!;
      expect(probe.at - new Date(open.circuitBreaker.openedAt).getTime()).toBeGreaterThanOrEqual(3000);
      expect((await partnerView()).circuitBreaker).toMatchObject({ state: 'CLOSED', consecutiveFailures: 0 });
    } finally {
      await hub.operator('PATCH', `/v1/partners/${partnerId}`, { retry: { maxAttempts: 3 }, circuitBreaker: { failureThreshold: 50 } });
    }
  });

  it('re-enqueues a PENDING delivery whose job was wiped from Redis, and delivers it', async () => {
    const queue = hub.queues.queue(`exchange-partner-${partnerId}`);
    // No worker may take the job before the wipe: the queue is paused in Redis (not the partner).
    await queue.pause();
    const certificate = await issue();
    const [pending] = await deliveriesOf(hub, issuer, certificate.id);
    expect(await queue.getJobState(`${pending.id}-0`)).toBe('waiting');
    await queue.obliterate({ force: true });
    expect(await queue.getJobState(`${pending.id}-0`)).toBe('unknown');
    await queue.resume();
    expect((await deliveriesOf(hub, issuer, certificate.id))[0]).toMatchObject({ status: 'PENDING', attemptCount: 0 });

    await hub.queues.enqueue('maintenance', 'reconcile-deliveries', {});
    const delivered = await deliveryIn(certificate.id, (d) => d.status === 'DELIVERED', 'the reconciled delivery');
    expect(simulator.requestsFor(delivered.envelopeId)).toHaveLength(1);
  });
});
