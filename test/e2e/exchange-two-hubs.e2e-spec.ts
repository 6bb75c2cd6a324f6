import { cambodiaToJapan, japanToCambodia } from '../fixtures/certificates';
import { deliveriesOf, devNodeIdentity, eventually, partnerBody, trustIssuerAcross } from '../support/exchange';
import { TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { applyAndApprove } from '../support/applications';
import { ExternalPki } from '../support/pki';

// jest.config.js sets testTimeout per project, where jest ignores it: deliveries and hub boots need more than 5 s.
jest.setTimeout(120_000);

// Two hubs, each with its own database, Redis prefix and node key, exchanging through the real
// protocol: HTTP, bearer tokens both ways, node signatures checked against registered certificates.
describe('exchange: two hubs, both ways', () => {
  const cambodiaNode = devNodeIdentity('KH hub node');
  const japanNode = devNodeIdentity('JP hub node');
  let ownJapan: { restore: () => Promise<void> };
  let ownCambodia: { restore: () => Promise<void> };
  let japan: TestHub;
  let cambodia: TestHub;
  let moc: string;
  let meti: string;
  let japanAtCambodia: string;
  let cambodiaAtJapan: string;

  beforeAll(async () => {
    ownJapan = await useOwnDatabase('hub_jp');
    japan = await TestHub.startAs('jp', japanNode);
    ownCambodia = await useOwnDatabase('hub_kh');
    cambodia = await TestHub.startAs('kh', cambodiaNode);
    moc = await cambodia.authority('KH-MOC', 'KH', ['ISSUER']);
    await cambodia.authority('KH-CUSTOMS', 'KH', ['CUSTOMS']);
    meti = await japan.authority('JP-METI', 'JP', ['ISSUER']);
    await japan.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await trustIssuerAcross(cambodia, japan, 'KH-MOC');
    await trustIssuerAcross(japan, cambodia, 'JP-METI');

    // Each registers the other with the certificate the other publishes, and the tokens cross over.
    const japanCertificate = (await japan.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const cambodiaCertificate = (await cambodia.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const atJapan = await japan.operator('POST', '/v1/partners', partnerBody({ code: 'KH-HUB', endpointUrl: cambodia.baseUrl, routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: cambodiaCertificate, outboundAuth: { type: 'NONE' } }));
    const atCambodia = await cambodia.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'JP-HUB', endpointUrl: japan.baseUrl, nodeCertificate: japanCertificate, outboundAuth: { type: 'BEARER', token: atJapan.body.inboundToken }, retry: { baseDelayMs: 50, maxDelayMs: 200 } }),
    );
    const patched = await japan.operator('PATCH', `/v1/partners/${atJapan.body.id}`, { outboundAuth: { type: 'BEARER', token: atCambodia.body.inboundToken }, retry: { baseDelayMs: 50, maxDelayMs: 200 } });
    expect([atJapan.status, atCambodia.status, patched.status]).toEqual([201, 201, 200]);
    cambodiaAtJapan = atJapan.body.id;
    japanAtCambodia = atCambodia.body.id;
  });

  afterAll(async () => {
    await cambodia.close();
    await japan.close();
    await ownCambodia.restore();
    await ownJapan.restore();
  });

  async function issue(hub: TestHub, token: string, document: Record<string, unknown>): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token, body: document });
    expect(created.status).toBe(201);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token });
    expect(issued.status).toBe(200);
    return issued.body;
  }

  const settled = (hub: TestHub, token: string, id: string, type = 'CO_ISSUED') =>
    eventually(`the ${type} delivery of ${id} to settle`, () => deliveriesOf(hub, token, id), (ds) => ds.some((d) => d.messageType === type && d.status !== 'PENDING')).then((ds) =>
      ds.find((d) => d.messageType === type),
    );

  it('sends a Cambodian certificate to Japan, which stores it once and acknowledges it', async () => {
    const certificate = await issue(cambodia, moc, cambodiaToJapan());
    const delivery = await settled(cambodia, moc, certificate.id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', recipient: { partner: 'JP-HUB', authority: 'JP-CUSTOMS' }, acknowledgement: { status: 'DELIVERED', envelopeId: delivery.envelopeId } });
    const [received] = await japan.dataSource.query('SELECT from_authority, to_authority, status, envelope FROM inbound_envelopes WHERE envelope_id = $1', [delivery.envelopeId]);
    expect(received).toMatchObject({ from_authority: 'KH-MOC', to_authority: 'JP-CUSTOMS', status: 'DELIVERED' });
    expect(received.envelope.refersTo.documentHash).toBe(certificate.documentHash);
    // Japan's customs and the Japanese consignee now see Cambodia's certificate, its signature checked on arrival.
    const japanCustoms = await japan.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    const found = await japan.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: japanCustoms });
    expect(found.body.items).toHaveLength(1);
    const copy = found.body.items[0];
    expect(copy).toMatchObject({
      issuingAuthority: 'KH-MOC',
      origin: 'RECEIVED',
      receivedFrom: 'KH-HUB',
      status: 'ISSUED',
      importStatus: 'RECEIVED',
      documentHash: certificate.documentHash,
      signatureCheck: { valid: true, reasons: [] },
    });

    const cancelled = await cambodia.request('POST', `/v1/certificates/${certificate.id}/cancel`, { token: moc, body: { reason: 'Buyer withdrew' } });
    expect(cancelled.status).toBe(200);
    const cancellation = await settled(cambodia, moc, certificate.id, 'CO_CANCELLED');
    // Japan knows the certificate it cancels: no warning.
    expect(cancellation).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED', warnings: [] } });
    const after = await japan.request('GET', `/v1/certificates/${copy.id}`, { token: japanCustoms });
    expect(after.body).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Buyer withdrew', importStatus: 'RECEIVED' });
  });

  it('sends a Japanese certificate to Cambodia the other way', async () => {
    const certificate = await issue(japan, meti, japanToCambodia());
    const delivery = await settled(japan, meti, certificate.id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', recipient: { partner: 'KH-HUB', authority: 'KH-CUSTOMS' } });
    expect(await cambodia.count('inbound_envelopes', 'envelope_id = $1 AND status = $2', [delivery.envelopeId, 'DELIVERED'])).toBe(1);
  });

  it("fails a delivery the receiver cannot verify, and delivers it once the receiver holds the sender's right certificate", async () => {
    const right = (await japan.operator('GET', `/v1/partners/${cambodiaAtJapan}`)).body.nodeCertificate.pem;
    // Japan registers a wrong certificate for Cambodia's node.
    expect((await japan.operator('PATCH', `/v1/partners/${cambodiaAtJapan}`, { nodeCertificate: devNodeIdentity('Not Cambodia').certificatePem })).status).toBe(200);
    const certificate = await issue(cambodia, moc, cambodiaToJapan());
    // The operator's view: the transport's own words are the operator's (the issuer sees PARTNER_REFUSED).
    const failed = await settled(cambodia, TEST_ADMIN_TOKEN, certificate.id);
    expect(failed).toMatchObject({ status: 'FAILED', attemptCount: 1, lastError: 'HTTP 422 ENVELOPE_SIGNATURE_INVALID' });
    expect(await japan.count('quarantined_envelopes', `reason = 'SIGNATURE_INVALID' AND envelope_id = $1`, [failed.envelopeId])).toBe(1);

    expect((await japan.operator('PATCH', `/v1/partners/${cambodiaAtJapan}`, { nodeCertificate: right })).status).toBe(200);
    expect((await cambodia.operator('POST', `/v1/partners/${japanAtCambodia}/redeliver`)).body.redelivered).toBe(1);
    const delivered = await eventually('the redelivery', () => deliveriesOf(cambodia, moc, certificate.id), (ds) => ds[0].status === 'DELIVERED');
    expect(delivered[0]).toMatchObject({ generation: 1, acknowledgement: { status: 'DELIVERED' } });
  });

  it("carries the exporter's own signature beside a certificate issued on its application, and the receiving side verifies both", async () => {
    // The exporters' CA is a trust anchor of Japan's ministry, at home and where its certificates go.
    const exporterPki = new ExternalPki('JP Exporters');
    for (const hub of [japan, cambodia]) expect((await hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'JP-METI', certificatePem: exporterPki.root.certPem })).status).toBe(201);
    const exporter = await japan.trader('JP-CN-9876543210987', 'JP');
    const officer = (await japan.operator('POST', '/v1/api-keys', { authority: 'JP-METI', officerId: 'sato' })).body.key as string;
    const approval = await applyAndApprove(japan, { authority: 'JP-METI', exporter, officer, certificate: japanToCambodia(), signer: { pki: exporterPki, key: exporterPki.signingKey({ cn: 'Niigata Rice Export K.K.' }) } });
    const certificate = approval.certificate;
    expect(await settled(japan, meti, certificate.id)).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });
    const khCustoms = await cambodia.authority('KH-CUSTOMS', 'KH', ['CUSTOMS']);
    const copy = (await cambodia.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: khCustoms })).body.items[0];
    expect(copy).toMatchObject({ origin: 'RECEIVED', issuedThrough: 'APPLICATION_SIGNED_BY_EXPORTER', exporterSigned: true, signatureCheck: { valid: true } });
    const sent = await fetch(`${japan.baseUrl}/v1/certificates/${certificate.id}/exporter-signature`, { headers: { authorization: `Bearer ${meti}` } });
    const arrived = await fetch(`${cambodia.baseUrl}/v1/certificates/${copy.id}/exporter-signature`, { headers: { authorization: `Bearer ${khCustoms}` } });
    expect(Buffer.from(await arrived.arrayBuffer())).toEqual(Buffer.from(await sent.arrayBuffer()));
    const verified = await cambodia.request('POST', '/v1/verifications', { token: khCustoms, body: { issuingAuthority: 'JP-METI', certificateNumber: certificate.certificateNumber } });
    expect(verified.body.verdict).toBe('VALID');
    expect(verified.body.signatures).toMatchObject({
      issuedThrough: 'APPLICATION_SIGNED_BY_EXPORTER',
      authority: { present: true, valid: true },
      exporter: { present: true, valid: true, coveredByAuthority: true, chain: { trusted: true } },
    });
    // A certificate made through the exporter's API key says so on arrival too; one the authority issued itself, nothing new.
    const unsigned = await applyAndApprove(japan, { authority: 'JP-METI', exporter, officer, certificate: japanToCambodia() });
    await settled(japan, meti, unsigned.certificate.id);
    const unsignedCopy = (await cambodia.request('GET', `/v1/certificates?certificateNumber=${unsigned.certificate.certificateNumber}`, { token: khCustoms })).body.items[0];
    expect(unsignedCopy).toMatchObject({ issuedThrough: 'APPLICATION_THROUGH_EXPORTER_API_KEY', exporterSigned: false });
    const direct = await issue(japan, meti, japanToCambodia());
    await settled(japan, meti, direct.id);
    const [envelope] = await cambodia.dataSource.query(`SELECT envelope FROM inbound_envelopes WHERE envelope #>> '{refersTo,certificate,certificateNumber}' = $1`, [direct.certificateNumber]);
    expect(Object.keys(envelope.envelope.payload).sort()).toEqual(['document', 'documentSignature']);
  });
});
