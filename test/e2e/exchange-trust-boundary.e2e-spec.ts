import { randomBytes, randomUUID } from 'node:crypto';
import { cambodiaToJapan, japanToCambodia } from '../fixtures/certificates';
import { ForeignIssuer, PartnerNode, deliveriesOf, devNodeIdentity, eventually, issuedDocument, partnerBody, trustIssuerAcross, unsignedEnvelope } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(180_000);

const ALL_TYPES = ['CO_ISSUED', 'CO_REPLACED', 'CO_CANCELLED', 'CO_DUPLICATE', 'CUSTOMS_RESPONSE', 'VERIFICATION_REQUEST', 'VERIFICATION_RESPONSE'];
const number = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;

/** A partner node the spec plays: registered at a hub, with its own key, token and countries. */
class HostileNode {
  readonly node: PartnerNode;
  token = '';
  id = '';

  constructor(
    readonly code: string,
    readonly routes: { country: string; authority: string }[],
  ) {
    this.node = new PartnerNode(devNodeIdentity(`${code} node`));
  }

  async registerAt(hub: TestHub): Promise<void> {
    // Only the types it must never be sent: it speaks, this hub does not write to it.
    const registered = await hub.operator('POST', '/v1/partners', partnerBody({ code: this.code, routes: this.routes, messageTypes: ['VERIFICATION_RESPONSE'], nodeCertificate: this.node.identity.certificatePem, outboundAuth: { type: 'NONE' } }));
    expect(registered.status).toBe(201);
    this.token = registered.body.inboundToken;
    this.id = registered.body.id;
  }

  send(hub: TestHub, envelope: Record<string, unknown>) {
    return hub.request('POST', '/v1/exchange/envelopes', { token: this.token, body: this.node.sign(envelope) });
  }
}

const reference = (certificate: { issuingAuthority: string; certificateNumber: string; copyNumber?: number; documentHash: string }) => ({
  certificate: { issuingAuthority: certificate.issuingAuthority, certificateNumber: certificate.certificateNumber, copyNumber: certificate.copyNumber ?? 0 },
  documentHash: certificate.documentHash,
});
const cancellation = (from: string, to: string, ref: Record<string, unknown>) =>
  unsignedEnvelope({ type: 'CO_CANCELLED', from, to, reference: ref, payload: { cancellation: { reason: 'Issued in error', cancelledAt: new Date().toISOString() } } });

// Cambodia's and Japan's hubs exchange through the real protocol, as in exchange-two-hubs. Beside
// the genuine partners each hub has registered other partner nodes that turn hostile: they sign
// correctly with their own registered keys, and try to speak for certificates they do not carry.
describe('exchange: a partner may only speak for the certificates it carries', () => {
  const cambodiaNode = devNodeIdentity('KH hub node');
  const japanNode = devNodeIdentity('JP hub node');
  // At Japan: a second node claiming Cambodia, and Vietnam's node (also routing Japan, as a regional hub would).
  const khRegional = new HostileNode('KH-REGIONAL', [{ country: 'KH', authority: 'KH-CUSTOMS' }]);
  const vnHub = new HostileNode('VN-HUB', [{ country: 'VN', authority: 'VN-CUSTOMS' }, { country: 'JP', authority: 'JP-CUSTOMS' }]);
  // At Cambodia: a second node claiming Japan.
  const jpRegional = new HostileNode('JP-REGIONAL', [{ country: 'JP', authority: 'JP-CUSTOMS' }]);
  const moc = new ForeignIssuer('KH-MOC');
  let ownJapan: { url: string; restore: () => Promise<void> };
  let ownCambodia: { restore: () => Promise<void> };
  let japan: TestHub;
  let japanApi: TestHub;
  let cambodia: TestHub;
  let mocKey: string;
  let metiKey: string;
  let jpCustoms: string;
  let cambodiaAtJapan: { id: string; token: string };
  let japanAtCambodia: string;

  beforeAll(async () => {
    ownJapan = await useOwnDatabase('trust_jp');
    japan = await TestHub.startAs('trust-jp', japanNode);
    // A second API process of Japan's hub on the same database: what one process changes, the other obeys at once.
    japanApi = await TestHub.startAs('trust-jp', japanNode, { withWorkers: false });
    ownCambodia = await useOwnDatabase('trust_kh');
    cambodia = await TestHub.startAs('trust-kh', cambodiaNode);
    mocKey = await cambodia.authority('KH-MOC', 'KH', ['ISSUER']);
    await cambodia.authority('KH-CUSTOMS', 'KH', ['CUSTOMS']);
    metiKey = await japan.authority('JP-METI', 'JP', ['ISSUER']);
    jpCustoms = await japan.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await trustIssuerAcross(cambodia, japan, 'KH-MOC');
    await trustIssuerAcross(japan, cambodia, 'JP-METI');
    // The spec's own KH-MOC signer, for documents only hostile nodes carry (their signature is not what is tested here).
    await japan.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-MOC', certificatePem: moc.ca.certPem });

    const japanCertificate = (await japan.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const cambodiaCertificate = (await cambodia.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const fast = { retry: { baseDelayMs: 50, maxDelayMs: 200 } };
    const atJapan = await japan.operator('POST', '/v1/partners', partnerBody({ code: 'KH-HUB', endpointUrl: cambodia.baseUrl, routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], messageTypes: ALL_TYPES, nodeCertificate: cambodiaCertificate, outboundAuth: { type: 'NONE' }, ...fast }));
    const atCambodia = await cambodia.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'JP-HUB', endpointUrl: japan.baseUrl, messageTypes: ALL_TYPES, nodeCertificate: japanCertificate, outboundAuth: { type: 'BEARER', token: atJapan.body.inboundToken }, ...fast }),
    );
    const patched = await japan.operator('PATCH', `/v1/partners/${atJapan.body.id}`, { outboundAuth: { type: 'BEARER', token: atCambodia.body.inboundToken } });
    expect([atJapan.status, atCambodia.status, patched.status]).toEqual([201, 201, 200]);
    cambodiaAtJapan = { id: atJapan.body.id, token: atJapan.body.inboundToken };
    japanAtCambodia = atCambodia.body.id;
    await khRegional.registerAt(japan);
    await vnHub.registerAt(japan);
    await jpRegional.registerAt(cambodia);
  });

  afterAll(async () => {
    await cambodia?.close();
    await japanApi?.close();
    await japan?.close();
    await ownCambodia?.restore();
    await ownJapan?.restore();
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

  /** Japan's copy of a certificate Cambodia issued, once delivered. */
  async function cambodianAtJapan(): Promise<{ issued: any; copy: any }> {
    const issued = await issue(cambodia, mocKey, { ...cambodiaToJapan(), certificateNumber: number('KH-RCEP') });
    expect(await settled(cambodia, mocKey, issued.id)).toMatchObject({ status: 'DELIVERED' });
    const found = await japan.request('GET', `/v1/certificates?certificateNumber=${issued.certificateNumber}`, { token: jpCustoms });
    return { issued, copy: found.body.items[0] };
  }

  const eventsOf = async (hub: TestHub, token: string, id: string) => (await hub.request('GET', `/v1/certificates/${id}/events`, { token })).body.map((e: { type: string }) => e.type);

  /** The refused envelope is kept, unread, with its code. */
  async function keptUnread(hub: TestHub, envelopeId: string, code: string): Promise<void> {
    const [row] = await hub.dataSource.query('SELECT status, acknowledgement FROM inbound_envelopes WHERE envelope_id = $1', [envelopeId]);
    expect(row).toMatchObject({ status: 'DELIVERED_NOT_READABLE', acknowledgement: { code } });
  }

  it("refuses a partner's replacement or cancellation of a certificate this hub issued, which its issuer still controls", async () => {
    const local = await issue(japan, metiKey, japanToCambodia({ certificateNumber: number('JP-RCEP'), ucr: undefined }));
    const before = await eventsOf(japan, metiKey, local.id);
    // A replacement from Vietnam's node, in Vietnam's issuer's name, that names Japan's certificate as the one it replaces.
    const vnDocument = issuedDocument({ ...cambodiaToJapan(), certificateNumber: number('VN-RCEP'), exportCountry: 'VN' }, 'VN-MOIT');
    const replacing = unsignedEnvelope({ type: 'CO_REPLACED', from: 'VN-MOIT', to: 'JP-CUSTOMS', document: vnDocument, payload: { document: vnDocument, replaces: reference(local) } });
    const replaced = await vnHub.send(japan, replacing);
    expect(replaced.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'TARGET_OF_ANOTHER_ISSUER' });
    await keptUnread(japan, replacing.envelopeId as string, 'TARGET_OF_ANOTHER_ISSUER');
    // The same in Japan's ministry's own name, and a plain cancellation: only this hub speaks for JP-METI.
    const ownName = await vnHub.send(japan, cancellation('JP-METI', 'JP-CUSTOMS', reference(local)));
    expect(ownName.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'ISSUER_SERVED_HERE', warnings: [{ ruleId: 'ISSUER_SERVED_HERE' }] });
    const fromCambodia = await khRegional.send(japan, cancellation('JP-METI', 'JP-CUSTOMS', reference(local)));
    expect(fromCambodia.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'SENDER_NOT_FROM_COUNTRY' });

    expect(await japan.count('certificates', 'certificate_number = $1', [vnDocument.certificateNumber])).toBe(0);
    const after = await japan.request('GET', `/v1/certificates/${local.id}`, { token: metiKey });
    expect(after.body).toMatchObject({ status: 'ISSUED', replacedById: null });
    expect(await eventsOf(japan, metiKey, local.id)).toEqual(before);
    // The real issuer still cancels its own certificate.
    expect((await japan.request('POST', `/v1/certificates/${local.id}/cancel`, { token: metiKey, body: { reason: 'Issued in error' } })).status).toBe(200);
  });

  it("refuses another node's cancellation or replacement of a copy that the issuer's node delivered", async () => {
    const { issued, copy } = await cambodianAtJapan();
    expect(copy).toMatchObject({ status: 'ISSUED', receivedFrom: 'KH-HUB' });
    // Vietnam's node does not serve Cambodia at all; the second Cambodian node did not deliver this copy.
    const vn = await vnHub.send(japan, cancellation('KH-MOC', 'JP-CUSTOMS', reference(issued)));
    expect(vn.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'SENDER_NOT_FROM_COUNTRY' });
    const regional = await khRegional.send(japan, cancellation('KH-MOC', 'JP-CUSTOMS', reference(issued)));
    expect(regional.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'CERTIFICATE_FROM_ANOTHER_PARTNER' });
    const replacement = issuedDocument({ ...cambodiaToJapan(), certificateNumber: number('KH-RCEP'), documentFunction: 'REPLACEMENT', replacesCertificateNumber: issued.certificateNumber }, 'KH-MOC');
    const replacing = await khRegional.send(japan, unsignedEnvelope({ type: 'CO_REPLACED', from: 'KH-MOC', to: 'JP-CUSTOMS', document: replacement, payload: moc.payload(replacement, { replaces: reference(issued) }) }));
    expect(replacing.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'CERTIFICATE_FROM_ANOTHER_PARTNER', warnings: [{ path: 'payload.replaces' }] });
    // Even the issuer's own node must name the copy by the hash it delivered.
    const wrongHash = await japan.request('POST', '/v1/exchange/envelopes', {
      token: cambodiaAtJapan.token,
      body: new PartnerNode(cambodiaNode).sign(cancellation('KH-MOC', 'JP-CUSTOMS', reference({ ...issued, documentHash: 'f'.repeat(64) }))),
    });
    expect(wrongHash.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'DOCUMENT_HASH_MISMATCH' });

    expect(await japan.count('certificates', 'certificate_number = $1', [replacement.certificateNumber])).toBe(0);
    expect((await japan.request('GET', `/v1/certificates/${copy.id}`, { token: jpCustoms })).body.status).toBe('ISSUED');
    expect(await eventsOf(japan, jpCustoms, copy.id)).toEqual(['RECEIVED']);
    // The issuer's cancellation, through its own node, still moves the copy.
    expect((await cambodia.request('POST', `/v1/certificates/${issued.id}/cancel`, { token: mocKey, body: { reason: 'Issued in error' } })).status).toBe(200);
    expect(await settled(cambodia, mocKey, issued.id, 'CO_CANCELLED')).toMatchObject({ status: 'DELIVERED' });
    expect((await japan.request('GET', `/v1/certificates/${copy.id}`, { token: jpCustoms })).body.status).toBe('CANCELLED');
  });

  it("applies a cancellation that comes ahead of its certificate only from the issuer's node, with the certificate's hash", async () => {
    // Deliveries to Japan wait while Cambodia's operator pauses the partner: the certificate is issued, not yet sent.
    expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { paused: true })).status).toBe(200);
    const first = await issue(cambodia, mocKey, { ...cambodiaToJapan(), certificateNumber: number('KH-RCEP') });
    const second = await issue(cambodia, mocKey, { ...cambodiaToJapan(), certificateNumber: number('KH-RCEP') });
    // Hostile nodes cancel both ahead of time, with the very hash the issuer will send.
    expect((await vnHub.send(japan, cancellation('KH-MOC', 'JP-CUSTOMS', reference(first)))).body.code).toBe('SENDER_NOT_FROM_COUNTRY');
    const early = await khRegional.send(japan, cancellation('KH-MOC', 'JP-CUSTOMS', reference(first)));
    expect(early.body.status).toBe('DELIVERED_WITH_WARNINGS');
    // The issuer's own node cancels the second ahead of its arrival (the two messages crossed).
    const own = await japan.request('POST', '/v1/exchange/envelopes', { token: cambodiaAtJapan.token, body: new PartnerNode(cambodiaNode).sign(cancellation('KH-MOC', 'JP-CUSTOMS', reference(second))) });
    expect(own.body.status).toBe('DELIVERED_WITH_WARNINGS');
    expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { paused: false })).status).toBe(200);

    expect(await settled(cambodia, mocKey, first.id)).toMatchObject({ status: 'DELIVERED' });
    expect(await settled(cambodia, mocKey, second.id)).toMatchObject({ status: 'DELIVERED' });
    const statusAtJapan = async (certificateNumber: string) =>
      (await japan.request('GET', `/v1/certificates?certificateNumber=${certificateNumber}`, { token: jpCustoms })).body.items[0]?.status;
    expect(await statusAtJapan(first.certificateNumber)).toBe('ISSUED');
    expect(await statusAtJapan(second.certificateNumber)).toBe('CANCELLED');
  });

  it("refuses a customs response or verification request from customs the certificate was not delivered to through that node", async () => {
    const issued = await issue(cambodia, mocKey, { ...cambodiaToJapan(), certificateNumber: number('KH-RCEP') });
    expect(await settled(cambodia, mocKey, issued.id)).toMatchObject({ status: 'DELIVERED', recipient: { partner: 'JP-HUB' } });
    const before = await eventsOf(cambodia, mocKey, issued.id);
    const rejection = unsignedEnvelope({
      type: 'CUSTOMS_RESPONSE',
      from: 'JP-CUSTOMS',
      to: 'KH-MOC',
      reference: reference(issued),
      payload: {
        customsResponse: { id: randomUUID(), decision: 'REJECT', reason: 'Forged', uses: [], importStatus: { from: 'RECEIVED', to: 'REJECTED' }, caseId: null, caseDecision: null, respondedBy: 'JP-CUSTOMS', respondedAt: new Date().toISOString() },
      },
    });
    const rejected = await jpRegional.send(cambodia, rejection);
    expect(rejected.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'NOT_DELIVERED_TO_SENDER' });
    await keptUnread(cambodia, rejection.envelopeId as string, 'NOT_DELIVERED_TO_SENDER');
    const request = unsignedEnvelope({
      type: 'VERIFICATION_REQUEST',
      from: 'JP-CUSTOMS',
      to: 'KH-MOC',
      reference: reference(issued),
      payload: {
        verificationRequest: { caseId: randomUUID(), reason: 'Doubtful origin', questions: ['Where was it milled?'], requestedDocuments: [], requestedBy: 'JP-CUSTOMS', requestedAt: new Date().toISOString(), dueAt: null, responseDays: null, importStatus: { from: 'RECEIVED', to: 'DISPUTED' } },
      },
    });
    expect((await jpRegional.send(cambodia, request)).body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'NOT_DELIVERED_TO_SENDER' });

    const after = await cambodia.request('GET', `/v1/certificates/${issued.id}`, { token: mocKey });
    expect(after.body.importStatus).not.toBe('REJECTED');
    expect(await eventsOf(cambodia, mocKey, issued.id)).toEqual(before);
    expect(await cambodia.count('customs_responses', 'certificate_id = $1', [issued.id])).toBe(0);
    expect(await cambodia.count('verification_cases', 'certificate_id = $1', [issued.id])).toBe(0);
  });

  it('refuses an answer to a verification case from a node the request did not go through', async () => {
    const { copy } = await cambodianAtJapan();
    const asked = await japan.request('POST', `/v1/certificates/${copy.id}/verification-requests`, { token: jpCustoms, body: { reason: 'Doubtful origin', questions: ['Where was it milled?'] } });
    expect(asked.status).toBe(201);
    const answer = unsignedEnvelope({
      type: 'VERIFICATION_RESPONSE',
      from: 'KH-MOC',
      to: 'JP-CUSTOMS',
      reference: reference({ issuingAuthority: 'KH-MOC', certificateNumber: copy.certificateNumber, documentHash: copy.documentHash }),
      payload: { verificationResponse: { caseId: asked.body.id, result: 'CONFIRMED', remarks: 'All in order', respondedBy: 'KH-MOC', respondedAt: new Date().toISOString(), attachments: [] } },
    });
    expect((await khRegional.send(japan, answer)).body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'NOT_DELIVERED_TO_SENDER' });
    expect((await vnHub.send(japan, answer)).body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'SENDER_NOT_FROM_COUNTRY' });
    expect((await japan.request('GET', `/v1/verification-cases/${asked.body.id}`, { token: jpCustoms })).body.status).toBe('REQUESTED');
  });

  it('stops a deactivated partner, and a removed route, at once in every process', async () => {
    const probe = (node: HostileNode) => node.send(japanApi, cancellation('KH-MOC', 'JP-CUSTOMS', reference({ issuingAuthority: 'KH-MOC', certificateNumber: number('KH-RCEP'), documentHash: 'a'.repeat(64) })));
    expect((await probe(khRegional)).body.status).toBe('DELIVERED_WITH_WARNINGS');
    // Japan's operator removes the Cambodian route through one process; the other refuses at once.
    expect((await japan.operator('PATCH', `/v1/partners/${khRegional.id}`, { routes: [{ country: 'TH', authority: 'TH-CUSTOMS' }] })).status).toBe(200);
    expect((await probe(khRegional)).body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'SENDER_NOT_FROM_COUNTRY' });
    // ... and deactivates it: its token stops authenticating, and nothing it sends is stored.
    const deactivated = await japan.operator('PATCH', `/v1/partners/${khRegional.id}`, { active: false });
    expect(deactivated.body).toMatchObject({ active: false });
    const stored = await japan.count('inbound_envelopes', 'partner_id = $1', [khRegional.id]);
    const refused = await probe(khRegional);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'ENVELOPE_SENDER_UNKNOWN' });
    expect(await japan.count('inbound_envelopes', 'partner_id = $1', [khRegional.id])).toBe(stored);
    // Reactivated with its route, it speaks again.
    expect((await japan.operator('PATCH', `/v1/partners/${khRegional.id}`, { active: true, routes: khRegional.routes })).status).toBe(200);
    expect((await probe(khRegional)).body.status).toBe('DELIVERED_WITH_WARNINGS');
  });

  it('sends nothing more to a deactivated partner: what waited becomes UNROUTABLE, and is routed again on redelivery', async () => {
    expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { paused: true })).status).toBe(200);
    const waiting = await issue(cambodia, mocKey, { ...cambodiaToJapan(), certificateNumber: number('KH-RCEP') });
    expect((await deliveriesOf(cambodia, mocKey, waiting.id))[0]).toMatchObject({ status: 'PENDING' });
    expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { active: false, paused: false })).status).toBe(200);
    const [unrouted] = await deliveriesOf(cambodia, mocKey, waiting.id);
    expect(unrouted).toMatchObject({ status: 'UNROUTABLE' });
    // Issued while it is inactive: no partner serves Japan now.
    const later = await issue(cambodia, mocKey, { ...cambodiaToJapan(), certificateNumber: number('KH-RCEP') });
    expect((await deliveriesOf(cambodia, mocKey, later.id))[0]).toMatchObject({ status: 'UNROUTABLE' });
    expect(await japan.count('certificates', 'certificate_number = ANY($1)', [[waiting.certificateNumber, later.certificateNumber]])).toBe(0);

    expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { active: true })).status).toBe(200);
    const redelivered = await cambodia.operator('POST', `/v1/deliveries/${unrouted.id}/redeliver`);
    expect(redelivered.status).toBe(200);
    expect(await settled(cambodia, mocKey, waiting.id)).toMatchObject({ status: 'DELIVERED' });
    expect(await japan.count('certificates', 'certificate_number = $1', [waiting.certificateNumber])).toBe(1);
  });
});
