import { cambodiaToJapan } from '../fixtures/certificates';
import { ForeignIssuer, PartnerNode, devNodeIdentity, issuedDocument, partnerBody, unsignedEnvelope } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

// jest.config.js sets testTimeout per project, where jest ignores it: deliveries and hub boots need more than 5 s.
jest.setTimeout(120_000);

// This hub plays Japan's node; the spec plays Cambodia's, signing envelopes with its node key.
describe('exchange: envelopes received from a partner', () => {
  const cambodia = new PartnerNode(devNodeIdentity('KH hub node'));
  const stranger = new PartnerNode(devNodeIdentity('Somebody else'));
  const moc = new ForeignIssuer('KH-MOC');
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let token: string;

  beforeAll(async () => {
    own = await useOwnDatabase('inbound');
    hub = await TestHub.start();
    await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await moc.trustAt(hub);
    const partner = await hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: cambodia.identity.certificatePem, outboundAuth: { type: 'NONE' } }),
    );
    expect(partner.status).toBe(201);
    token = partner.body.inboundToken;
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  // null: no Authorization header at all.
  const post = (body: unknown, authorization: string | null = token) => hub.request('POST', '/v1/exchange/envelopes', { token: authorization ?? undefined, body });
  const issued = () => issuedDocument(cambodiaToJapan(), 'KH-MOC');
  const quarantined = (reason: string) => hub.count('quarantined_envelopes', 'reason = $1', [reason]);

  it('stores a signed certificate for a recipient it serves and acknowledges it; a repeat gets the first answer', async () => {
    const document = issued();
    const envelope = cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document, payload: moc.payload(document) }));
    const first = await post(envelope);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'DELIVERED', envelopeId: envelope.envelopeId, receivedAt: expect.any(String), warnings: [] });
    const again = await post(envelope);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await hub.count('inbound_envelopes', 'envelope_id = $1', [envelope.envelopeId])).toBe(1);
  });

  it('answers 409 to the same envelope id with other content', async () => {
    const envelope = unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document: issued() });
    expect((await post(cambodia.sign(envelope))).status).toBe(200);
    const other = await post(cambodia.sign({ ...envelope, payload: { document: issued() } }));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('ENVELOPE_ID_REUSED');
  });

  it('answers an envelope it holds, signed again with a fresh createdAt, with its first acknowledgement, never a 409', async () => {
    const envelope = unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document: issued() });
    const first = await post(cambodia.sign(envelope));
    expect(first.status).toBe(200);
    // What a sender does to an envelope that waited (a redelivery, a pull serving it late): same id, a fresh createdAt.
    const resigned = await post(cambodia.sign({ ...envelope, createdAt: new Date(Date.now() + 1000).toISOString() }));
    expect(resigned.status).toBe(200);
    expect(resigned.body).toEqual(first.body);
    expect(await hub.count('inbound_envelopes', 'envelope_id = $1', [envelope.envelopeId])).toBe(1);
  });

  it('refuses an unknown sender with 401 and stores nothing it sent', async () => {
    const before = await hub.count('quarantined_envelopes');
    const envelope = cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document: issued() }));
    for (const authorization of [null, `ecoop_abcdefghijkl_${'a'.repeat(43)}`]) {
      const res = await post(envelope, authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('ENVELOPE_SENDER_UNKNOWN');
    }
    expect(await hub.count('quarantined_envelopes')).toBe(before);
    expect(await hub.count('inbound_envelopes', 'envelope_id = $1', [envelope.envelopeId])).toBe(0);
  });

  it('refuses what is not an envelope with 400 listing every problem, and keeps it', async () => {
    const res = await post({ specVersion: '2', envelopeId: 'x', type: 'CO_EXPLODED', from: 'KH-MOC', createdAt: 'yesterday', payload: [], extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('NOT_AN_ENVELOPE');
    expect(res.body.violations.map((v: any) => v.path)).toEqual(
      expect.arrayContaining(['specVersion', 'envelopeId', 'type', 'to', 'createdAt', 'refersTo', 'payload', 'signature', 'extra']),
    );
    expect(await quarantined('NOT_AN_ENVELOPE')).toBeGreaterThanOrEqual(1);
  });

  it('refuses a failed node signature with 422: altered after signing, or signed by another node', async () => {
    const signed = cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document: issued() }));
    const readdressed = await post({ ...signed, to: 'JP-OTHER' });
    expect(readdressed.status).toBe(422);
    expect(readdressed.body).toMatchObject({ code: 'ENVELOPE_SIGNATURE_INVALID', problem: 'SIGNATURE_INVALID' });
    const impostor = await post(stranger.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document: issued() })));
    expect(impostor.status).toBe(422);
    expect(impostor.body.problem).toBe('UNKNOWN_KEY');
    expect(await quarantined('SIGNATURE_INVALID')).toBe(2);
  });

  it('refuses an envelope older than the replay window', async () => {
    const old = cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document: issued(), createdAt: new Date(Date.now() - 8 * 86_400_000) }));
    const res = await post(old);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ENVELOPE_OUTSIDE_REPLAY_WINDOW');
    expect(await quarantined('OUTSIDE_REPLAY_WINDOW')).toBe(1);
  });

  it('keeps, as not readable, an envelope from an authority its partner does not speak for, for one it does not serve, or with an altered document', async () => {
    const thai = issuedDocument(cambodiaToJapan(), 'TH-DFT');
    const impersonated = await post(cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'TH-DFT', to: 'JP-CUSTOMS', document: thai })));
    expect(impersonated.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', message: 'the sending node does not serve the country of TH-DFT' });
    const elsewhere = await post(cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-MOF', document: issued() })));
    expect(elsewhere.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', message: 'no authority JP-MOF is served by this hub' });
    const document = issued();
    const altered = unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document });
    const res = await post(cambodia.sign({ ...altered, payload: { document: { ...document, remarks: 'changed after issue' } } }));
    expect(res.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', message: 'payload.document does not hash to refersTo.documentHash' });
    expect(await hub.count('inbound_envelopes', `status = 'DELIVERED_NOT_READABLE'`)).toBe(3);
  });

  it('answers a cancellation clearly whether or not it knows the certificate, and keeps it', async () => {
    const document = issued();
    const issuedEnvelope = unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document, payload: moc.payload(document) });
    expect((await post(cambodia.sign(issuedEnvelope))).body.status).toBe('DELIVERED');
    const cancellation = { cancellation: { reason: 'Issued in error', cancelledAt: new Date().toISOString() } };
    const known = await post(cambodia.sign(unsignedEnvelope({ type: 'CO_CANCELLED', from: 'KH-MOC', to: 'JP-CUSTOMS', reference: issuedEnvelope.refersTo as Record<string, unknown>, payload: cancellation })));
    expect(known.body.status).toBe('DELIVERED');
    const unknownReference = { certificate: { issuingAuthority: 'KH-MOC', certificateNumber: 'KH-NEVER-SEEN', copyNumber: 0 }, documentHash: 'ab'.repeat(32) };
    const unknown = await post(cambodia.sign(unsignedEnvelope({ type: 'CO_CANCELLED', from: 'KH-MOC', to: 'JP-CUSTOMS', reference: unknownReference, payload: cancellation })));
    expect(unknown.body).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', warnings: [{ path: 'refersTo', message: 'cancels a certificate this hub never received; the cancellation is kept and applies if the certificate arrives' }] });
  });

  it('shows the operator what was received and what was refused', async () => {
    const inbound = await hub.operator('GET', '/v1/exchange/inbound?limit=5');
    expect(inbound.status).toBe(200);
    expect(inbound.body[0]).toMatchObject({ partner: 'KH-HUB', from: 'KH-MOC', acknowledgement: { status: expect.any(String) } });
    const quarantine = await hub.operator('GET', '/v1/exchange/quarantine');
    expect(quarantine.status).toBe(200);
    expect(quarantine.body.map((q: any) => q.reason)).toEqual(expect.arrayContaining(['NOT_AN_ENVELOPE', 'SIGNATURE_INVALID', 'OUTSIDE_REPLAY_WINDOW']));
    expect(quarantine.body.every((q: any) => q.partner === 'KH-HUB')).toBe(true);
    expect((await hub.request('GET', '/v1/exchange/quarantine', { token })).status).toBe(401);
    expect((await hub.operator('GET', '/v1/exchange/inbound?limit=500')).status).toBe(422);
  });
});
