import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cambodiaToJapan, japanToCambodia } from '../fixtures/certificates';
import { ForeignIssuer, PartnerNode, devNodeIdentity, eventually, issuedDocument, partnerBody, unsignedEnvelope } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

const ALL_TYPES = ['CO_ISSUED', 'CO_REPLACED', 'CO_CANCELLED', 'CO_DUPLICATE', 'CUSTOMS_RESPONSE', 'VERIFICATION_REQUEST', 'VERIFICATION_RESPONSE'];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// This hub is Japan's; the spec plays Cambodia's node, speaking for Cambodia's Ministry of Commerce
// and customs, and sends what a faulty or hostile partner might: every envelope is stored and
// acknowledged, and only what holds is applied.
describe('answers between authorities: what a partner hub sends', () => {
  const cambodia = new PartnerNode(devNodeIdentity('KH hub node'));
  const moc = new ForeignIssuer('KH-MOC');
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let token: string;
  let customs: string;
  let meti: string;

  beforeAll(async () => {
    own = await useOwnDatabase('answers_inbound');
    hub = await TestHub.start();
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    meti = await hub.authority('JP-METI', 'JP', ['ISSUER']);
    await moc.trustAt(hub);
    const partner = await hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }, { country: 'TH', authority: 'TH-CUSTOMS' }], messageTypes: ALL_TYPES, nodeCertificate: cambodia.identity.certificatePem, outboundAuth: { type: 'NONE' } }),
    );
    expect(partner.status).toBe(201);
    token = partner.body.inboundToken;
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const post = (envelope: Record<string, unknown>) => hub.request('POST', '/v1/exchange/envelopes', { token, body: cambodia.sign(envelope) });

  /** A Cambodian certificate received here, and a case Japan's customs opened on it. */
  async function openCase(): Promise<{ document: Record<string, any>; reference: Record<string, unknown>; caseId: string }> {
    const document = issuedDocument({ ...cambodiaToJapan(), certificateNumber: `KH-RCEP-${randomBytes(4).toString('hex').toUpperCase()}` }, 'KH-MOC');
    const issued = unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document, payload: moc.payload(document) });
    expect((await post(issued)).body.status).toBe('DELIVERED');
    const [{ id }] = await hub.dataSource.query('SELECT id FROM certificates WHERE certificate_number = $1', [document.certificateNumber]);
    const asked = await hub.request('POST', `/v1/certificates/${id}/verification-requests`, { token: customs, body: { reason: 'Doubtful origin', questions: ['Where was it milled?'] } });
    expect(asked.status).toBe(201);
    return { document, reference: issued.refersTo as Record<string, unknown>, caseId: asked.body.id };
  }

  function answerEnvelope(reference: Record<string, unknown>, answer: Record<string, unknown>, from = 'KH-MOC'): Record<string, unknown> {
    return unsignedEnvelope({
      type: 'VERIFICATION_RESPONSE',
      from,
      to: 'JP-CUSTOMS',
      reference,
      payload: { verificationResponse: { result: 'CONFIRMED', remarks: 'Confirmed', respondedBy: from, respondedAt: new Date().toISOString(), attachments: [], ...answer } },
    });
  }

  function carried(bytes: Buffer, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { id: randomUUID(), fileName: 'records.txt', contentType: 'text/plain', size: bytes.length, sha256: sha256(bytes), content: bytes.toString('base64'), ...overrides };
  }

  const caseStatus = async (caseId: string) => (await hub.request('GET', `/v1/verification-cases/${caseId}`, { token: customs })).body.status;

  it('keeps unread an answer whose attachment is not what the signed message says, or is too large, and applies nothing', async () => {
    const { reference, caseId } = await openCase();
    const swapped = carried(Buffer.from('Mill records, lot 7'), { content: Buffer.from('Something else entirely').toString('base64') });
    const tampered = await post(answerEnvelope(reference, { caseId, attachments: [swapped] }));
    expect(tampered.status).toBe(200);
    expect(tampered.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', warnings: [{ ruleId: 'CASE-ATT-007', path: 'payload.verificationResponse.attachments[0]' }] });
    const big = Buffer.alloc(300 * 1024, 0x61);
    const oversized = await post(answerEnvelope(reference, { caseId, attachments: [carried(big)] }));
    expect(oversized.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', warnings: [{ ruleId: 'CASE-ATT-001' }] });
    const script = await post(answerEnvelope(reference, { caseId, attachments: [carried(Buffer.from('<html><script>x</script></html>'), { contentType: 'text/html' })] }));
    expect(script.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', warnings: [{ ruleId: 'CASE-ATT-002' }] });
    const shapeless = await post(answerEnvelope(reference, { caseId: 'case-1', result: 'PROBABLY' }));
    expect(shapeless.body.status).toBe('DELIVERED_NOT_READABLE');
    expect(shapeless.body.warnings.map((w: any) => w.path).sort()).toEqual(['payload.verificationResponse.caseId', 'payload.verificationResponse.result']);

    expect(await caseStatus(caseId)).toBe('REQUESTED');
    expect(await hub.count('verification_attachments', 'case_id = $1', [caseId])).toBe(0);
    expect(await hub.count('inbound_envelopes', `type = 'VERIFICATION_RESPONSE' AND status = 'DELIVERED_NOT_READABLE'`)).toBe(4);
  });

  it('keeps unread, with its code, an answer to an unknown case or from an authority that is not party to it', async () => {
    const { reference, caseId } = await openCase();
    const unknown = await post(answerEnvelope(reference, { caseId: randomUUID() }));
    expect(unknown.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'CASE_UNKNOWN', warnings: [{ ruleId: 'CASE_UNKNOWN', message: expect.stringContaining('does not know') }] });
    const stranger = await post(answerEnvelope(reference, { caseId }, 'KH-CCI'));
    expect(stranger.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'CASE_OF_OTHERS' });
    expect(await caseStatus(caseId)).toBe('REQUESTED');
  });

  it('applies a sound answer once, and keeps a later one to the closed case unapplied', async () => {
    const { reference, caseId } = await openCase();
    const bytes = Buffer.from('Mill records, lot 7: 25,000 kg.');
    const file = carried(bytes);
    const envelope = answerEnvelope(reference, { caseId, attachments: [file] });
    const first = await post(envelope);
    expect(first.body).toMatchObject({ status: 'DELIVERED', warnings: [] });
    // The same answer again, in another envelope: nothing more.
    const again = await post({ ...envelope, envelopeId: randomUUID() });
    expect(again.body.status).toBe('DELIVERED');
    const kase = (await hub.request('GET', `/v1/verification-cases/${caseId}`, { token: customs })).body;
    expect(kase).toMatchObject({ status: 'RESPONDED', answer: { result: 'CONFIRMED', attachments: [{ id: file.id, sha256: sha256(bytes), size: bytes.length, uploadedBy: 'KH-MOC' }] } });
    expect(await hub.count('verification_attachments', 'case_id = $1', [caseId])).toBe(1);

    expect((await hub.request('POST', `/v1/verification-cases/${caseId}/close`, { token: customs, body: { decision: 'VERIFIED' } })).status).toBe(200);
    const late = await post(answerEnvelope(reference, { caseId, result: 'NOT_CONFIRMED', respondedAt: new Date(Date.now() + 1000).toISOString() }));
    expect(late.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'CASE_NOT_OPEN', warnings: [{ message: 'the case is not waiting for an answer' }] });
    expect((await hub.request('GET', `/v1/verification-cases/${caseId}`, { token: customs })).body).toMatchObject({ status: 'CLOSED', answer: { result: 'CONFIRMED' } });
  });

  it("follows Cambodia's customs on a certificate this hub issued, and keeps what it cannot apply with warnings", async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: meti, body: japanToCambodia({ ucr: undefined }) });
    expect(created.status).toBe(201);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: meti });
    expect(issued.status).toBe(200);
    const cert = issued.body;
    const reference = { certificate: { issuingAuthority: 'JP-METI', certificateNumber: cert.certificateNumber, copyNumber: 0 }, documentHash: cert.documentHash };
    const response = (overrides: Record<string, unknown> = {}, from = 'KH-CUSTOMS', ref: Record<string, unknown> = reference) =>
      unsignedEnvelope({
        type: 'CUSTOMS_RESPONSE',
        from,
        to: 'JP-METI',
        reference: ref,
        payload: {
          customsResponse: { id: randomUUID(), decision: 'USE', reason: null, uses: [{ itemNumber: 1, quantity: '20000', unit: 'KGM' }], importStatus: { from: 'RECEIVED', to: 'ACCEPTED' }, caseId: null, caseDecision: null, respondedBy: from, respondedAt: new Date().toISOString(), ...overrides },
        },
      });

    const used = await post(response());
    expect(used.body).toMatchObject({ status: 'DELIVERED', warnings: [] });
    expect((await hub.request('GET', `/v1/certificates/${cert.id}`, { token: meti })).body.importStatus).toBe('ACCEPTED');
    expect(await hub.count('certificate_uses', 'certificate_id = $1', [cert.id])).toBe(1);
    const inbox = await hub.request('GET', '/v1/inbox', { token: meti });
    expect(inbox.body.items).toEqual([expect.objectContaining({ kind: 'CUSTOMS_RESPONSE', status: 'USE', counterpart: 'KH-CUSTOMS', certificate: { id: cert.id, issuingAuthority: 'JP-METI', certificateNumber: cert.certificateNumber, copyNumber: 0 } })]);

    // More than remains here: kept, acknowledged with the ledger's reason, not recorded.
    const over = await post(response({ importStatus: { from: 'ACCEPTED', to: 'ACCEPTED' } }));
    expect(over.body).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', warnings: [{ message: expect.stringContaining('20000 KGM asked, 5000 KGM remains') }] });
    expect(await hub.count('certificate_uses', 'certificate_id = $1', [cert.id])).toBe(1);
    // A move this hub cannot follow from where its copy stands.
    const verified = await post(response({ decision: 'ACCEPT', uses: [], importStatus: { from: 'DISPUTED', to: 'VERIFIED' } }));
    expect(verified.body.warnings).toEqual([expect.objectContaining({ message: 'importStatus DISPUTED -> VERIFIED reported, but this hub holds ACCEPTED; not applied' })]);
    // Thailand's customs do not answer for a certificate bound for Cambodia.
    const thai = await post(response({}, 'TH-CUSTOMS'));
    expect(thai.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'SENDER_NOT_IMPORTING_CUSTOMS', warnings: [{ path: 'from', message: expect.stringContaining('not an authority of the importing country KH') }] });
    // A certificate this hub never issued.
    const unknown = await post(response({}, 'KH-CUSTOMS', { ...reference, certificate: { ...reference.certificate, certificateNumber: 'JP-NOPE-1' } }));
    expect(unknown.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'CERTIFICATE_NOT_ISSUED_HERE', warnings: [{ path: 'refersTo' }] });
    expect(await hub.count('customs_responses', 'certificate_id = $1', [cert.id])).toBe(3);
    expect((await hub.request('GET', `/v1/certificates/${cert.id}`, { token: meti })).body.importStatus).toBe('ACCEPTED');
  });

  it('opens a case asked by a partner on a certificate this hub issued, once, and keeps unread one about a certificate it did not issue', async () => {
    const created = await hub.request('POST', '/v1/certificates', { token: meti, body: japanToCambodia({ ucr: undefined }) });
    const cert = (await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: meti })).body;
    const reference = { certificate: { issuingAuthority: 'JP-METI', certificateNumber: cert.certificateNumber, copyNumber: 0 }, documentHash: cert.documentHash };
    const caseId = randomUUID();
    const dueAt = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const request = (id: string, to = 'JP-METI', ref: Record<string, unknown> = reference) =>
      unsignedEnvelope({
        type: 'VERIFICATION_REQUEST',
        from: 'KH-CUSTOMS',
        to,
        reference: ref,
        payload: { verificationRequest: { caseId: id, reason: 'Doubtful origin', questions: ['Where was the rice grown?'], requestedDocuments: [], requestedBy: 'KH-CUSTOMS', requestedAt: new Date().toISOString(), dueAt, responseDays: 60, importStatus: { from: 'RECEIVED', to: 'DISPUTED' } } },
      });
    expect((await post(request(caseId))).body).toMatchObject({ status: 'DELIVERED', warnings: [] });
    const kase = await hub.request('GET', `/v1/verification-cases/${caseId}`, { token: meti });
    expect(kase.body).toMatchObject({ status: 'REQUESTED', requestingAuthority: 'KH-CUSTOMS', dueAt, origin: 'RECEIVED', receivedFrom: 'KH-HUB', yourSides: ['ISSUER'] });
    expect((await hub.request('GET', `/v1/certificates/${cert.id}`, { token: meti })).body.importStatus).toBe('DISPUTED');
    // Another case on the same certificate while this one is open is kept, not opened.
    const second = await post(request(randomUUID()));
    expect(second.body).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', warnings: [{ message: expect.stringContaining(`open case ${caseId}`) }] });
    expect(await hub.count('verification_cases', 'certificate_id = $1', [cert.id])).toBe(1);

    // The answer goes back through the partner (unreachable here: it waits in the outbox).
    const answered = await hub.request('POST', `/v1/verification-cases/${caseId}/responses`, { token: meti, body: { result: 'CONFIRMED' } });
    expect(answered.status).toBe(201);
    const [delivery] = await eventually(
      'the answer in the outbox',
      () => hub.dataSource.query(`SELECT route, recipient_authority, envelope FROM deliveries WHERE certificate_id = $1 AND message_type = 'VERIFICATION_RESPONSE'`, [cert.id]),
      (rows) => rows.length === 1,
    );
    expect(delivery).toMatchObject({ route: 'PARTNER', recipient_authority: 'KH-CUSTOMS', envelope: { from: 'JP-METI', to: 'KH-CUSTOMS', payload: { verificationResponse: { caseId, result: 'CONFIRMED' } } } });

    const { reference: received } = await openCase();
    const foreign = await post(request(randomUUID(), 'JP-METI', received));
    expect(foreign.body).toMatchObject({ status: 'DELIVERED_NOT_READABLE', code: 'CERTIFICATE_NOT_ISSUED_HERE', warnings: [{ path: 'refersTo' }] });
  });
});
