import { cambodiaToJapan } from '../fixtures/certificates';
import { PartnerNode, deliveriesOf, devNodeIdentity, eventually, forgetNodeIdentity, partnerBody, useNodeIdentity } from '../support/exchange';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { PartnerSimulator, fail, lose } from '../../scripts/partner-simulator/simulator';

jest.setTimeout(120_000);

const DAY = 86_400_000;

// A receiver refuses an envelope older than its replay window unless it already holds it (then it
// answers with the first acknowledgement, whatever the age). The sender signs the same envelope id
// again with a fresh createdAt, when refused so and when an operator redelivers an old one.
describe('exchange: envelopes that outlive the receiver replay window', () => {
  const node = devNodeIdentity('KH hub node');
  // The hub's own key, so the spec can age an envelope the way two days in the outbox would.
  const hubKey = new PartnerNode(node);
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let simulator: PartnerSimulator;
  let issuer: string;
  let partnerId: string;

  beforeAll(async () => {
    own = await useOwnDatabase('replay');
    useNodeIdentity(node);
    simulator = await PartnerSimulator.start({ senderCertificatePem: node.certificatePem });
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

  afterAll(async () => {
    await hub.close();
    await simulator.close();
    forgetNodeIdentity();
    await own.restore();
  });

  const setPaused = async (paused: boolean): Promise<void> => {
    expect((await hub.operator('PATCH', `/v1/partners/${partnerId}`, { paused })).status).toBe(200);
  };

  /** Issues a certificate while the partner is paused, and ages its envelope by `ageMs` (signed as the hub signs). */
  async function agedDelivery(ageMs: number): Promise<{ certificateId: string; deliveryId: string; envelopeId: string; createdAt: string }> {
    await setPaused(true);
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
    const [row] = await hub.dataSource.query('SELECT id, envelope FROM deliveries WHERE certificate_id = $1', [created.body.id]);
    const { signature: _signature, ...unsigned } = row.envelope;
    const createdAt = new Date(Date.now() - ageMs).toISOString();
    await hub.dataSource.query('UPDATE deliveries SET envelope = $2 WHERE id = $1', [row.id, JSON.stringify(hubKey.sign({ ...unsigned, createdAt }))]);
    return { certificateId: created.body.id, deliveryId: row.id, envelopeId: row.envelope.envelopeId, createdAt };
  }

  const settled = async (certificateId: string, generation = 0): Promise<any> =>
    (await eventually(`the delivery of ${certificateId} to settle`, () => deliveriesOf(hub, TEST_ADMIN_TOKEN, certificateId), (ds) => ds[0].generation === generation && ds[0].status !== 'PENDING'))[0];

  it('signs an envelope refused as outside the replay window again with a fresh createdAt, and it is delivered', async () => {
    simulator.options.replayWindowMs = 3_600_000;
    const started = new Date().toISOString();
    const aged = await agedDelivery(2 * DAY);
    await setPaused(false);
    const delivery = await settled(aged.certificateId);

    expect(delivery).toMatchObject({ status: 'DELIVERED', envelopeId: aged.envelopeId, attemptCount: 2 });
    expect(delivery.attempts.map((a: any) => [a.outcome, a.httpStatus, a.error])).toEqual([
      ['RETRY', 422, 'HTTP 422 ENVELOPE_OUTSIDE_REPLAY_WINDOW; signed again with a fresh createdAt'],
      ['ACKNOWLEDGED', 200, null],
    ]);
    const [refused, accepted] = simulator.requestsFor(aged.envelopeId);
    expect([refused.signatureValid, accepted.signatureValid]).toEqual([true, true]);
    expect((refused.envelope as any).createdAt).toBe(aged.createdAt);
    expect((accepted.envelope as any).createdAt >= started).toBe(true);
    expect((accepted.envelope as any).signature.value).not.toBe((refused.envelope as any).signature.value);
    // The same envelope otherwise: only createdAt and the signature changed.
    const strip = (e: any) => ({ ...e, createdAt: undefined, signature: undefined });
    expect(strip(accepted.envelope)).toEqual(strip(refused.envelope));
    expect(simulator.stored.has(aged.envelopeId)).toBe(true);
  });

  it('signs an old FAILED envelope again when the operator redelivers it, before it is sent', async () => {
    simulator.options.replayWindowMs = 7 * DAY;
    simulator.next(fail(400, undefined, { code: 'NOT_AN_ENVELOPE' }));
    const started = new Date().toISOString();
    const aged = await agedDelivery(2 * DAY);
    await setPaused(false);
    expect(await settled(aged.certificateId)).toMatchObject({ status: 'FAILED', attemptCount: 1 });

    const redelivered = await hub.operator('POST', `/v1/deliveries/${aged.deliveryId}/redeliver`);
    expect(redelivered.status).toBe(200);
    const delivery = await settled(aged.certificateId, 1);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attemptCount: 1 });
    const requests = simulator.requestsFor(aged.envelopeId);
    expect(requests).toHaveLength(2);
    expect((requests[1].envelope as any).createdAt >= started).toBe(true);
    expect(requests[1].signatureValid).toBe(true);
    const [audit] = await hub.dataSource.query(`SELECT payload FROM audit_log WHERE action = 'DELIVERY_REDELIVERED' AND entity_id = $1`, [aged.deliveryId]);
    expect(JSON.parse(audit.payload).resigned).toMatch(/signed again with a fresh createdAt/);
  });

  it('sends the earlier signing again when the receiver already holds it, and takes its first acknowledgement', async () => {
    simulator.options.replayWindowMs = 7 * DAY;
    // The first attempt is stored but its answer lost; the rest of the budget meets 503s.
    simulator.next(lose(), fail(503), fail(503));
    const aged = await agedDelivery(2 * DAY);
    await setPaused(false);
    expect(await settled(aged.certificateId)).toMatchObject({ status: 'FAILED', attemptCount: 3 });
    const firstAcknowledgement = simulator.stored.get(aged.envelopeId)?.acknowledgement;
    expect(firstAcknowledgement).toBeDefined();

    expect((await hub.operator('POST', `/v1/deliveries/${aged.deliveryId}/redeliver`)).status).toBe(200);
    const delivery = await settled(aged.certificateId, 1);
    expect(delivery).toMatchObject({ status: 'DELIVERED', acknowledgement: { receivedAt: firstAcknowledgement?.receivedAt } });
    expect(delivery.attempts.filter((a: any) => a.generation === 1).map((a: any) => [a.outcome, a.httpStatus, a.error])).toEqual([
      ['RETRY', 409, `HTTP 409 ENVELOPE_ID_REUSED; sent again as signed with createdAt ${aged.createdAt}, which the receiver may hold`],
      ['ACKNOWLEDGED', 200, null],
    ]);
    const sent = simulator.requestsFor(aged.envelopeId).map((r) => (r.envelope as any).createdAt);
    expect(sent[sent.length - 1]).toBe(aged.createdAt);
    expect(sent[sent.length - 2]).not.toBe(aged.createdAt);
    const [row] = await hub.dataSource.query('SELECT envelope, earlier_created_at FROM deliveries WHERE id = $1', [aged.deliveryId]);
    expect(row).toMatchObject({ envelope: { createdAt: aged.createdAt }, earlier_created_at: [] });
  });
});
