import { randomBytes } from 'node:crypto';
import { cambodiaToJapan } from '../fixtures/certificates';
import { ForeignIssuer, PartnerNode, deliveriesOf, devNodeIdentity, eventually, issuedDocument, partnerBody, unsignedEnvelope } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

// This hub is Japan's; the spec plays Cambodia's node and its Ministry of Commerce, which signs its
// certificates with a CA that Japan's operator registered as KH-MOC's trust anchor.
describe('exchange: what a received certificate becomes', () => {
  const cambodia = new PartnerNode(devNodeIdentity('KH hub node'));
  const moc = new ForeignIssuer('KH-MOC');
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let token: string;
  let customs: string;
  let consignee: string;
  let otherTrader: string;
  let thaiCustoms: string;

  beforeAll(async () => {
    own = await useOwnDatabase('receipt');
    hub = await TestHub.start();
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    thaiCustoms = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
    consignee = await hub.trader('JP-CN-1234567890123', 'JP');
    otherTrader = await hub.trader('JP-CN-9999999999999', 'JP');
    await moc.trustAt(hub);
    const partner = await hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }, { country: 'TH', authority: 'TH-CUSTOMS' }], nodeCertificate: cambodia.identity.certificatePem, outboundAuth: { type: 'NONE' } }),
    );
    expect(partner.status).toBe(201);
    token = partner.body.inboundToken;
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const post = (body: unknown) => hub.request('POST', '/v1/exchange/envelopes', { token, body });
  const fresh = (overrides: Record<string, unknown> = {}, copyNumber = 0) =>
    issuedDocument({ ...cambodiaToJapan(), certificateNumber: `KH-RCEP-${randomBytes(4).toString('hex').toUpperCase()}`, ...overrides }, 'KH-MOC', copyNumber);
  const send = (type: string, document: Record<string, unknown>, payload: Record<string, unknown> = moc.payload(document)) =>
    post(cambodia.sign(unsignedEnvelope({ type, from: 'KH-MOC', to: 'JP-CUSTOMS', document, payload })));
  const copyOf = async (number: string, copyNumber = 0) => {
    const [row] = await hub.dataSource.query('SELECT id FROM certificates WHERE certificate_number = $1 AND copy_number = $2', [number, copyNumber]);
    return row?.id as string | undefined;
  };
  const reference = (document: Record<string, unknown>) =>
    (unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document }) as { refersTo: Record<string, unknown> }).refersTo;

  it('stores a received certificate that the importing customs and the consignee see, and nobody else', async () => {
    const document = fresh();
    const ack = await send('CO_ISSUED', document);
    expect(ack.body).toMatchObject({ status: 'DELIVERED', warnings: [] });
    const id = (await copyOf(document.certificateNumber as string)) as string;

    const seen = await hub.request('GET', `/v1/certificates/${id}`, { token: customs });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      issuingAuthority: 'KH-MOC',
      status: 'ISSUED',
      importStatus: 'RECEIVED',
      origin: 'RECEIVED',
      receivedFrom: 'KH-HUB',
      signatureCheck: { valid: true, reasons: [] },
      versions: { dataset: '1', profile: expect.stringMatching(/^RCEP@/), hs: expect.any(String) },
      document: { certificateNumber: document.certificateNumber },
    });
    expect(seen.body.expiresAt).not.toBeNull();
    const listed = await hub.request('GET', '/v1/certificates?origin=RECEIVED&importStatus=RECEIVED&limit=200', { token: customs });
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await hub.request('GET', '/v1/certificates?origin=ELSEWHERE', { token: customs })).status).toBe(422);
    expect((await hub.request('GET', `/v1/certificates/${id}`, { token: consignee })).status).toBe(200);
    expect((await hub.request('GET', `/v1/certificates/${id}`, { token: otherTrader })).status).toBe(404);
    expect((await hub.request('GET', `/v1/certificates/${id}`, { token: thaiCustoms })).status).toBe(404);

    // The document and the issuer's CMS come back byte for byte as the issuer signed them.
    const signature = await fetch(`${hub.baseUrl}/v1/certificates/${id}/signature`, { headers: { authorization: `Bearer ${customs}` } });
    expect(signature.status).toBe(200);
    expect(Buffer.from(await signature.arrayBuffer()).toString('base64')).toBe(moc.signature(document));
    const events = await hub.request('GET', `/v1/certificates/${id}/events`, { token: customs });
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['RECEIVED']);
    expect(await hub.count('audit_log', `action = 'CERTIFICATE_RECEIVED' AND entity_id = $1`, [id])).toBe(1);
  });

  it("stores, with warnings, a certificate whose issuer's signature does not hold here, and one without signature", async () => {
    const impostor = new ForeignIssuer('KH-MOC');
    const forged = fresh();
    const ack = await send('CO_ISSUED', forged, impostor.payload(forged));
    expect(ack.body).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', warnings: [{ ruleId: 'UNTRUSTED_CHAIN', path: 'payload.documentSignature' }] });
    const id = await copyOf(forged.certificateNumber as string);
    const [row] = await hub.dataSource.query('SELECT signature_check, import_status FROM certificates WHERE id = $1', [id]);
    expect(row).toMatchObject({ import_status: 'RECEIVED', signature_check: { valid: false, reasons: ['UNTRUSTED_CHAIN'] } });

    const unsigned = fresh();
    const bare = await send('CO_ISSUED', unsigned, { document: unsigned });
    expect(bare.body).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', warnings: [{ ruleId: 'NO_SIGNATURE' }] });
  });

  it('stores, with the rule as a warning, a certificate that breaks a dataset rule at its issue time', async () => {
    const base = cambodiaToJapan() as Record<string, any>;
    const document = fresh({ items: base.items.map((item: Record<string, unknown>) => ({ ...item, hsCode: '999998' })) });
    const ack = await send('CO_ISSUED', document);
    expect(ack.body.status).toBe('DELIVERED_WITH_WARNINGS');
    expect(ack.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: expect.stringMatching(/^CO-HS-/), path: 'payload.document.items[0].hsCode' })]));
    expect(await copyOf(document.certificateNumber as string)).toBeDefined();
  });

  it('keeps, without storing a certificate, a document that is not of the common dataset', async () => {
    const document = fresh({ items: 'rice' });
    const ack = await send('CO_ISSUED', document);
    expect(ack.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', message: 'payload.document is not a certificate of the common dataset' });
    expect(ack.body.warnings.map((w: { path: string }) => w.path)).toContain('payload.document.items');
    expect(await copyOf(document.certificateNumber as string)).toBeUndefined();
  });

  it('moves the received copy when the issuer replaces it, and stores a certified true copy beside the original', async () => {
    const original = fresh();
    expect((await send('CO_ISSUED', original)).body.status).toBe('DELIVERED');
    const replacement = fresh({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: original.certificateNumber, remarks: 'Corrected consignee address' });
    const replaced = await send('CO_REPLACED', replacement, moc.payload(replacement, { replaces: reference(original) }));
    expect(replaced.body).toMatchObject({ status: 'DELIVERED', warnings: [] });
    const [oldId, newId] = [await copyOf(original.certificateNumber as string), await copyOf(replacement.certificateNumber as string)];
    const old = await hub.request('GET', `/v1/certificates/${oldId}`, { token: customs });
    expect(old.body).toMatchObject({ status: 'REPLACED', replacedById: newId });
    expect((await hub.request('GET', `/v1/certificates/${newId}`, { token: customs })).body).toMatchObject({ status: 'ISSUED', replacesId: oldId });

    const duplicate = { ...replacement, documentFunction: 'DUPLICATE', replacesCertificateNumber: replacement.certificateNumber, copyNumber: 1, issueDateTime: new Date().toISOString() };
    const copied = await send('CO_DUPLICATE', duplicate, moc.payload(duplicate, { duplicateOf: reference(replacement) }));
    expect(copied.body).toMatchObject({ status: 'DELIVERED', warnings: [] });
    expect(await copyOf(replacement.certificateNumber as string, 1)).toBeDefined();
  });

  it('applies a cancellation that overtook its certificate once the certificate arrives', async () => {
    const document = fresh();
    const cancellation = { cancellation: { reason: 'Issued in error', cancelledAt: new Date().toISOString() } };
    const early = await post(cambodia.sign(unsignedEnvelope({ type: 'CO_CANCELLED', from: 'KH-MOC', to: 'JP-CUSTOMS', reference: reference(document), payload: cancellation })));
    expect(early.body.status).toBe('DELIVERED_WITH_WARNINGS');
    expect((await send('CO_ISSUED', document)).body.status).toBe('DELIVERED');
    const id = await copyOf(document.certificateNumber as string);
    expect((await hub.request('GET', `/v1/certificates/${id}`, { token: customs })).body).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Issued in error' });
  });

  it('stores one copy when the same certificate comes in several envelopes at once, and refuses to let a second document take its identity', async () => {
    const document = fresh();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send('CO_ISSUED', document)));
    expect(answers.map((a) => a.body.status)).toEqual(Array(6).fill('DELIVERED'));
    expect(await hub.count('certificates', 'certificate_number = $1', [document.certificateNumber])).toBe(1);

    const impostor = { ...document, remarks: 'another document, same number' };
    const clash = await send('CO_ISSUED', impostor);
    expect(clash.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', message: expect.stringContaining('the first is kept') });
    const [row] = await hub.dataSource.query('SELECT document FROM certificates WHERE certificate_number = $1', [document.certificateNumber]);
    expect(row.document.remarks).toBe(document.remarks);
  });

  it('registers, for trust only, an issuer it never heard of, whose signatures stay untrusted until its anchor is added', async () => {
    const cci = new ForeignIssuer('KH-CCI');
    const document = issuedDocument({ ...cambodiaToJapan(), certificateNumber: `KH-CCI-${randomBytes(4).toString('hex').toUpperCase()}` }, 'KH-CCI');
    const ack = await post(cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-CCI', to: 'JP-CUSTOMS', document, payload: cci.payload(document) })));
    expect(ack.body).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', warnings: [{ ruleId: 'UNTRUSTED_CHAIN' }] });
    const authorities = await hub.operator('GET', '/v1/authorities');
    expect(authorities.body.find((a: { code: string }) => a.code === 'KH-CCI')).toMatchObject({ roles: ['ISSUER'], servedHere: false, country: 'KH' });
    // Nothing is ever routed to an authority known for trust only.
    expect(await hub.count('authorities', `code = 'KH-CCI' AND served_here`)).toBe(0);
  });

  it('gives a customs authority served by this same hub its certificates through the local route', async () => {
    const moj = await hub.authority('JP-MOC', 'JP', ['ISSUER']);
    const kh = await hub.authority('KH-CUSTOMS-LOCAL', 'KH', ['CUSTOMS']);
    const body = { ...(cambodiaToJapan() as Record<string, any>) };
    // Japanese goods for Cambodia, issued here and received here by Cambodia's customs.
    const document = {
      ...body,
      certificateNumber: `JP-RCEP-${randomBytes(4).toString('hex').toUpperCase()}`,
      exportCountry: 'JP',
      importCountry: 'KH',
      issuePlace: 'JPTYO',
      exporter: { ...body.consignee },
      producer: { ...body.consignee },
      consignee: { ...body.exporter },
      transport: { ...body.transport, loadingPort: 'JPTYO', dischargePort: 'KHPNH' },
      items: body.items.map((item: Record<string, unknown>) => ({ ...item, originCountry: 'JP' })),
      exporterDeclaration: { ...body.exporterDeclaration, place: 'JPTYO' },
      certification: { place: 'JPTYO', officerName: 'Sato Hanako' },
      ucr: undefined,
    };
    const created = await hub.request('POST', '/v1/certificates', { token: moj, body: document });
    expect(created.status).toBe(201);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: moj });
    expect(issued.status).toBe(200);
    const deliveries = await eventually('the local delivery', () => deliveriesOf(hub, moj, created.body.id), (ds) => ds.some((d) => d.status === 'DELIVERED'));
    expect(deliveries.find((d) => d.recipient.authority === 'KH-CUSTOMS-LOCAL')).toMatchObject({ recipient: { route: 'LOCAL' }, status: 'DELIVERED' });
    const seen = await hub.request('GET', `/v1/certificates/${created.body.id}`, { token: kh });
    expect(seen.body).toMatchObject({ origin: 'LOCAL', status: 'ISSUED', importStatus: 'RECEIVED' });
    // The importStatus, its event and its audit entry were written together, once.
    expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'RECEIVED' AND to_status = 'ISSUED' AND data->>'route' = 'LOCAL'`, [created.body.id])).toBe(1);
    expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_RECEIVED' AND payload::jsonb->>'route' = 'LOCAL'`, [created.body.id])).toBe(1);
  });
});
