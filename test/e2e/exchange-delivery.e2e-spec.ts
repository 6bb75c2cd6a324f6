import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { cambodiaToJapan } from '../fixtures/certificates';
import { deliveriesOf, devNodeIdentity, eventually, forgetNodeIdentity, partnerBody, useNodeIdentity } from '../support/exchange';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { PartnerSimulator, accept, drop, fail, slow, stall } from '../../scripts/partner-simulator/simulator';

// jest.config.js sets testTimeout per project, where jest ignores it: deliveries and hub boots need more than 5 s.
jest.setTimeout(120_000);

const PARTNER_TOKEN = 'hub-to-partner-token-0123456789';

describe('exchange: an issued certificate reaches the partner, through failures', () => {
  const node = devNodeIdentity('KH hub node');
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let simulator: PartnerSimulator;
  let issuer: string;
  let exporter: string;
  let consignee: string;
  let stranger: string;
  let partnerId: string;

  beforeAll(async () => {
    own = await useOwnDatabase('delivery');
    useNodeIdentity(node);
    simulator = await PartnerSimulator.start({ expectToken: PARTNER_TOKEN, senderCertificatePem: node.certificatePem });
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    exporter = await hub.trader('KH-TIN-1234567', 'KH');
    consignee = await hub.trader('JP-CN-1234567890123', 'JP');
    stranger = await hub.trader('KH-TIN-7654321', 'KH');
    const partner = await hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({ endpointUrl: simulator.url, retry: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 200 }, timeoutMs: 2000, circuitBreaker: { failureThreshold: 50 } }),
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

  async function issue(overrides: Record<string, unknown> = {}): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan(overrides) });
    expect(created.status).toBe(201);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer });
    expect(issued.status).toBe(200);
    return issued.body;
  }

  async function settled(certificateId: string): Promise<any> {
    const [delivery] = await eventually(
      `the delivery of ${certificateId} to settle`,
      // The operator's view: the transport's own words are the operator's (issuers see codes).
      () => deliveriesOf(hub, TEST_ADMIN_TOKEN, certificateId),
      (ds) => ds.length === 1 && ds[0].status !== 'PENDING',
    );
    return delivery;
  }

  it('delivers an issued certificate: one signed envelope with the canonical document, acknowledged DELIVERED', async () => {
    const certificate = await issue();
    const delivery = await settled(certificate.id);
    expect(delivery).toMatchObject({
      certificateId: certificate.id,
      messageType: 'CO_ISSUED',
      recipient: { route: 'PARTNER', country: 'JP', authority: 'JP-CUSTOMS', partner: 'JP-NACCS' },
      status: 'DELIVERED',
      attemptCount: 1,
      lastError: null,
      acknowledgement: { status: 'DELIVERED', envelopeId: delivery.envelopeId, warnings: [] },
      attempts: [{ number: 1, generation: 0, outcome: 'ACKNOWLEDGED', httpStatus: 200, error: null }],
    });

    const [request] = simulator.requestsFor(delivery.envelopeId);
    expect(request).toMatchObject({ path: '/v1/exchange/envelopes', authorization: `Bearer ${PARTNER_TOKEN}`, signatureValid: true });
    const envelope = request.envelope as any;
    expect(envelope).toMatchObject({
      specVersion: '1.0',
      envelopeId: delivery.envelopeId,
      type: 'CO_ISSUED',
      from: 'KH-MOC',
      to: 'JP-CUSTOMS',
      refersTo: { certificate: { issuingAuthority: 'KH-MOC', certificateNumber: certificate.certificateNumber, copyNumber: 0 }, documentHash: certificate.documentHash },
      signature: { algorithm: 'RSA-SHA256' },
    });
    // The payload's document is the sealed one: its RFC 8785 form hashes to the certificate's hash.
    expect(createHash('sha256').update(canonicalize(envelope.payload.document)).digest('hex')).toBe(certificate.documentHash);
    // With the issuer's CMS when the signing module stored one (to_jsonb: whether or not that column exists).
    const [row] = await hub.dataSource.query(`SELECT to_jsonb(c) -> 'signature_cms' AS cms FROM certificates c WHERE id = $1`, [certificate.id]);
    expect(envelope.payload.documentSignature).toEqual(row.cms ? Buffer.from(String(row.cms).slice(2), 'hex').toString('base64') : undefined);
    expect(simulator.stored.size).toBeGreaterThanOrEqual(1);
  });

  it("shows the deliveries to the issuer and the certificate's traders only", async () => {
    const certificate = await issue();
    await settled(certificate.id);
    for (const token of [exporter, consignee]) expect((await deliveriesOf(hub, token, certificate.id))[0].status).toBe('DELIVERED');
    expect((await hub.operator('GET', `/v1/certificates/${certificate.id}/deliveries`)).status).toBe(200);
    const res = await hub.request('GET', `/v1/certificates/${certificate.id}/deliveries`, { token: stranger });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CERTIFICATE_NOT_FOUND');
    const otherIssuer = await hub.authority('KH-CCC', 'KH', ['ISSUER']);
    expect((await hub.request('GET', `/v1/certificates/${certificate.id}/deliveries`, { token: otherIssuer })).status).toBe(404);
    expect((await hub.request('GET', '/v1/certificates/5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f/deliveries', { token: issuer })).status).toBe(404);
  });

  it('retries 503 and 502, then takes the acknowledgement', async () => {
    simulator.next(fail(503), fail(502));
    const certificate = await issue();
    const delivery = await settled(certificate.id);
    expect(delivery.status).toBe('DELIVERED');
    expect(delivery.attempts.map((a: any) => [a.outcome, a.httpStatus, a.error])).toEqual([
      ['RETRY', 503, 'HTTP 503 SIMULATED_503'],
      ['RETRY', 502, 'HTTP 502 SIMULATED_502'],
      ['ACKNOWLEDGED', 200, null],
    ]);
    expect(delivery.attempts.every((a: any) => a.finishedAt !== null && a.startedAt <= a.finishedAt)).toBe(true);
    // Every attempt sent the same envelope, and the partner stored it once.
    const requests = simulator.requestsFor(delivery.envelopeId);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => canonicalize(r.envelope))).size).toBe(1);
  });

  it('waits at least what a 429 Retry-After asks for', async () => {
    simulator.next(fail(429, '2'));
    const certificate = await issue();
    const delivery = await settled(certificate.id);
    expect(delivery.status).toBe('DELIVERED');
    expect(delivery.attempts[0]).toMatchObject({ outcome: 'RETRY', httpStatus: 429, retryAfterMs: 2000 });
    const [first, second] = simulator.requestsFor(delivery.envelopeId);
    // Without Retry-After the backoff here is at most 200 ms.
    expect(second.at - first.at).toBeGreaterThanOrEqual(2000);
  });

  it('takes a 4xx other than 408 and 429 as final: FAILED after one attempt', async () => {
    simulator.next(fail(422, undefined, { code: 'ENVELOPE_SIGNATURE_INVALID' }));
    const certificate = await issue();
    const delivery = await settled(certificate.id);
    expect(delivery).toMatchObject({ status: 'FAILED', attemptCount: 1, lastError: 'HTTP 422 ENVELOPE_SIGNATURE_INVALID', lastErrorCode: 'PARTNER_REFUSED', nextAttemptAt: null });
    expect(delivery.attempts).toEqual([expect.objectContaining({ outcome: 'REFUSED', httpStatus: 422 })]);
    const [seenByIssuer] = await deliveriesOf(hub, issuer, certificate.id);
    expect(seenByIssuer).toMatchObject({ status: 'FAILED', lastErrorCode: 'PARTNER_REFUSED', attempts: [{ outcome: 'REFUSED', httpStatus: 422, errorCode: 'PARTNER_REFUSED' }] });
    expect(seenByIssuer).not.toHaveProperty('lastError');
    expect(seenByIssuer.attempts[0]).not.toHaveProperty('error');
    await hub.waitForQueues();
    expect(simulator.requestsFor(delivery.envelopeId)).toHaveLength(1);
  });

  it('retries a partner that stalls past the timeout, or drops the connection, and takes a slow answer within it', async () => {
    await hub.operator('PATCH', `/v1/partners/${partnerId}`, { timeoutMs: 500 });
    try {
      simulator.next(stall(), drop(), slow(200));
      const certificate = await issue();
      const delivery = await settled(certificate.id);
      expect(delivery.status).toBe('DELIVERED');
      expect(delivery.attempts.map((a: any) => [a.outcome, a.error])).toEqual([
        ['RETRY', 'no answer within 500 ms'],
        ['RETRY', expect.stringMatching(/^network error /)],
        ['ACKNOWLEDGED', null],
      ]);
    } finally {
      await hub.operator('PATCH', `/v1/partners/${partnerId}`, { timeoutMs: 2000 });
    }
  });

  it('keeps what the acknowledgement says: warnings, or not readable', async () => {
    simulator.next(accept('DELIVERED_WITH_WARNINGS', [{ message: 'HS 100630 is not in our tariff' }]));
    const warned = await settled((await issue()).id);
    expect(warned).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', acknowledgement: { status: 'DELIVERED_WITH_WARNINGS', warnings: [{ message: 'HS 100630 is not in our tariff' }] } });
    simulator.next(accept('DELIVERED_NOT_READABLE'));
    expect((await settled((await issue()).id)).status).toBe('DELIVERED_NOT_READABLE');
  });
});
