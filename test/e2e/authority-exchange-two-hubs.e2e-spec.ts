import { createHash } from 'node:crypto';
import { CertificateLedger } from '../../src/certificates/ledger/certificate-ledger';
import { MarkOverdueCasesUseCase } from '../../src/authority-exchange/cases/mark-overdue-cases.use-case';
import { cambodiaToJapan } from '../fixtures/certificates';
import { devNodeIdentity, eventually, partnerBody, trustIssuerAcross } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(180_000);

const DAY_MS = 24 * 3600 * 1000;
const ALL_TYPES = ['CO_ISSUED', 'CO_REPLACED', 'CO_CANCELLED', 'CO_DUPLICATE', 'CUSTOMS_RESPONSE', 'VERIFICATION_REQUEST', 'VERIFICATION_RESPONSE'];
const PDF = Buffer.from('%PDF-1.7\n% Angkor Mill: records of lot 7, 25,000 kg paddy from Battambang\n%%EOF\n');

// Cambodia's hub (the Ministry of Commerce issues there) and Japan's hub (Japan's customs), each with
// its own database, queues and node key, answering each other through the real exchange protocol.
describe('answers between authorities across two hubs', () => {
  const cambodiaNode = devNodeIdentity('KH hub node');
  const japanNode = devNodeIdentity('JP hub node');
  let ownJapan: { restore: () => Promise<void> };
  let ownCambodia: { restore: () => Promise<void> };
  let japan: TestHub;
  let cambodia: TestHub;
  let moc: string;
  let japanCustoms: string;

  beforeAll(async () => {
    ownJapan = await useOwnDatabase('answers_jp');
    japan = await TestHub.startAs('answers-jp', japanNode);
    ownCambodia = await useOwnDatabase('answers_kh');
    cambodia = await TestHub.startAs('answers-kh', cambodiaNode);
    moc = await cambodia.authority('KH-MOC', 'KH', ['ISSUER']);
    japanCustoms = await japan.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await trustIssuerAcross(cambodia, japan, 'KH-MOC');

    const japanCertificate = (await japan.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const cambodiaCertificate = (await cambodia.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const retry = { baseDelayMs: 50, maxDelayMs: 200 };
    const atJapan = await japan.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'KH-HUB', endpointUrl: cambodia.baseUrl, routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], messageTypes: ALL_TYPES, nodeCertificate: cambodiaCertificate, outboundAuth: { type: 'NONE' } }),
    );
    const atCambodia = await cambodia.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'JP-HUB', endpointUrl: japan.baseUrl, messageTypes: ALL_TYPES, nodeCertificate: japanCertificate, outboundAuth: { type: 'BEARER', token: atJapan.body.inboundToken }, retry }),
    );
    const patched = await japan.operator('PATCH', `/v1/partners/${atJapan.body.id}`, { outboundAuth: { type: 'BEARER', token: atCambodia.body.inboundToken }, retry });
    expect([atJapan.status, atCambodia.status, patched.status]).toEqual([201, 201, 200]);
  });

  afterAll(async () => {
    await cambodia.close();
    await japan.close();
    await ownCambodia.restore();
    await ownJapan.restore();
  });

  /** Issued in Cambodia, and received by Japan: the two ids of one certificate. */
  async function issuedAndReceived(): Promise<{ khId: string; jpId: string; number: string }> {
    const created = await cambodia.request('POST', '/v1/certificates', { token: moc, body: cambodiaToJapan() });
    expect(created.status).toBe(201);
    expect((await cambodia.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: moc })).status).toBe(200);
    const number = created.body.certificateNumber;
    const found = await eventually(
      'the certificate at Japan',
      () => japan.request('GET', `/v1/certificates?certificateNumber=${number}`, { token: japanCustoms }),
      (res) => res.body.items?.length === 1,
    );
    return { khId: created.body.id, jpId: found.body.items[0].id, number };
  }

  const atCambodia = (khId: string) => cambodia.request('GET', `/v1/certificates/${khId}`, { token: moc }).then((r) => r.body);
  const caseAt = (hub: TestHub, token: string, caseId: string) => hub.request('GET', `/v1/verification-cases/${caseId}`, { token });
  const deliveryStates = (hub: TestHub, certificateId: string, type: string) =>
    hub.dataSource.query(`SELECT status, acknowledgement FROM deliveries WHERE certificate_id = $1 AND message_type = $2 ORDER BY created_at`, [certificateId, type]);

  it("accepts and uses a Cambodian certificate in Japan, and Cambodia's hub sees importStatus and its ledger move", async () => {
    const { khId, jpId } = await issuedAndReceived();
    const accepted = await japan.request('POST', `/v1/certificates/${jpId}/customs-responses`, { token: japanCustoms, body: { decision: 'ACCEPT' } });
    expect(accepted.status).toBe(201);
    await eventually('importStatus ACCEPTED at Cambodia', () => atCambodia(khId), (c) => c.importStatus === 'ACCEPTED');

    const used = await japan.request('POST', `/v1/certificates/${jpId}/customs-responses`, { token: japanCustoms, body: { decision: 'USE', uses: [{ itemNumber: 1, quantity: '10000', unit: 'KGM' }] } });
    expect(used.status).toBe(201);
    expect(used.body.balances[0]).toMatchObject({ used: '10000', remaining: '15000' });
    const responses = await eventually(
      "both answers at Cambodia",
      () => cambodia.request('GET', `/v1/certificates/${khId}/customs-responses`, { token: moc }).then((r) => r.body),
      (list) => list.length === 2,
    );
    expect(responses).toEqual([
      expect.objectContaining({ id: accepted.body.id, decision: 'ACCEPT', origin: 'RECEIVED', receivedFrom: 'JP-HUB', responderAuthority: 'JP-CUSTOMS', warnings: [] }),
      expect.objectContaining({ id: used.body.id, decision: 'USE', uses: [{ itemNumber: 1, quantity: '10000', unit: 'KGM' }], warnings: [] }),
    ]);
    const balances = await cambodia.app.get(CertificateLedger).balances(cambodia.dataSource.manager, khId);
    expect(balances).toEqual([{ itemNumber: 1, unit: 'KGM', issued: '25000', used: '10000', remaining: '15000' }]);
    expect(await cambodia.count('certificate_uses', 'certificate_id = $1 AND reference = $2', [khId, used.body.id])).toBe(1);
    expect((await atCambodia(khId)).importStatus).toBe('ACCEPTED');

    const acks = await eventually('both acknowledgements', () => deliveryStates(japan, jpId, 'CUSTOMS_RESPONSE'), (rows) => rows.length === 2 && rows.every((r: any) => r.status !== 'PENDING'));
    expect(acks.map((r: any) => [r.status, r.acknowledgement.status])).toEqual([
      ['DELIVERED', 'DELIVERED'],
      ['DELIVERED', 'DELIVERED'],
    ]);
    const inbox = await cambodia.request('GET', '/v1/inbox?kind=CUSTOMS_RESPONSE', { token: moc });
    expect(inbox.body.items.map((i: any) => i.id)).toEqual(expect.arrayContaining([accepted.body.id, used.body.id]));
  });

  it('sends a verification request to Cambodia, takes its answer with an attachment, and closes the case VERIFIED on both sides', async () => {
    const { khId, jpId } = await issuedAndReceived();
    expect((await japan.request('POST', `/v1/certificates/${jpId}/customs-responses`, { token: japanCustoms, body: { decision: 'ACCEPT' } })).status).toBe(201);
    const asked = await japan.request('POST', `/v1/certificates/${jpId}/verification-requests`, {
      token: japanCustoms,
      body: { reason: 'Post-clearance check: origin WO', questions: ['Where was the paddy grown?'], requestedDocuments: ['Mill records'] },
    });
    expect(asked.status).toBe(201);
    const caseId = asked.body.id;

    // Cambodia keeps the same case, with the same due date, for the Ministry to answer.
    const there = await eventually('the case at Cambodia', () => caseAt(cambodia, moc, caseId), (r) => r.status === 200);
    expect(there.body).toMatchObject({ id: caseId, status: 'REQUESTED', requestingAuthority: 'JP-CUSTOMS', issuingAuthority: 'KH-MOC', dueAt: asked.body.dueAt, origin: 'RECEIVED', receivedFrom: 'JP-HUB', certificate: { id: khId } });
    expect((await atCambodia(khId)).importStatus).toBe('DISPUTED');
    const inbox = await cambodia.request('GET', '/v1/inbox?kind=VERIFICATION_CASE', { token: moc });
    expect(inbox.body.items).toContainEqual(expect.objectContaining({ id: caseId, side: 'ISSUER', counterpart: 'JP-CUSTOMS', dueAt: asked.body.dueAt, actionRequired: true }));

    const answered = await cambodia.request('POST', `/v1/verification-cases/${caseId}/responses`, {
      token: moc,
      body: { result: 'CONFIRMED', remarks: 'Grown and milled in Battambang', attachments: [{ fileName: 'mill-records.pdf', contentType: 'application/pdf', content: PDF.toString('base64') }] },
    });
    expect(answered.status).toBe(201);
    const [file] = answered.body.answer.attachments;
    expect(file.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));

    const atJapan = await eventually('the answer at Japan', () => caseAt(japan, japanCustoms, caseId), (r) => r.body.status === 'RESPONDED');
    expect(atJapan.body.answer).toMatchObject({ result: 'CONFIRMED', remarks: 'Grown and milled in Battambang', respondedAt: answered.body.answer.respondedAt, attachments: [{ id: file.id, sha256: file.sha256, size: PDF.length, uploadedBy: 'KH-MOC' }] });
    const download = await fetch(`${japan.baseUrl}/v1/verification-cases/${caseId}/attachments/${file.id}`, { headers: { authorization: `Bearer ${japanCustoms}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const closed = await japan.request('POST', `/v1/verification-cases/${caseId}/close`, { token: japanCustoms, body: { decision: 'VERIFIED', remarks: 'Mill records confirm WO' } });
    expect(closed.status).toBe(200);
    expect((await japan.request('GET', `/v1/certificates/${jpId}`, { token: japanCustoms })).body.importStatus).toBe('VERIFIED');
    const closedThere = await eventually('the decision at Cambodia', () => caseAt(cambodia, moc, caseId), (r) => r.body.status === 'CLOSED');
    expect(closedThere.body.decision).toMatchObject({ decision: 'VERIFIED', remarks: 'Mill records confirm WO' });
    expect((await atCambodia(khId)).importStatus).toBe('VERIFIED');
    const history = (await cambodia.request('GET', `/v1/certificates/${khId}/events`, { token: moc })).body.filter((e: any) => e.type === 'IMPORT_STATUS_CHANGED').map((e: any) => e.toStatus);
    expect(history).toEqual(['ACCEPTED', 'DISPUTED', 'VERIFIED']);
  });

  it('marks an unanswered case OVERDUE on both hubs, first in both inboxes, and still takes the late answer', async () => {
    const { jpId } = await issuedAndReceived();
    const asked = await japan.request('POST', `/v1/certificates/${jpId}/verification-requests`, { token: japanCustoms, body: { reason: 'Invoice third party unknown', questions: ['Who invoiced the goods?'], responseDays: 30 } });
    expect(asked.status).toBe(201);
    const caseId = asked.body.id;
    await eventually('the case at Cambodia', () => caseAt(cambodia, moc, caseId), (r) => r.status === 200);

    const later = new Date(Date.now() + 31 * DAY_MS);
    for (const hub of [japan, cambodia]) expect(await hub.app.get(MarkOverdueCasesUseCase).execute(later)).toBe(1);
    expect((await caseAt(japan, japanCustoms, caseId)).body.status).toBe('OVERDUE');
    expect((await caseAt(cambodia, moc, caseId)).body.status).toBe('OVERDUE');
    expect((await japan.request('GET', '/v1/inbox', { token: japanCustoms })).body.items[0]).toMatchObject({ id: caseId, overdue: true, actionRequired: true });
    expect((await cambodia.request('GET', '/v1/inbox', { token: moc })).body.items[0]).toMatchObject({ id: caseId, overdue: true, actionRequired: true });

    const late = await cambodia.request('POST', `/v1/verification-cases/${caseId}/responses`, { token: moc, body: { result: 'INSUFFICIENT', remarks: 'The exporter has not answered us yet' } });
    expect(late.status).toBe(201);
    const atJapan = await eventually('the late answer at Japan', () => caseAt(japan, japanCustoms, caseId), (r) => r.body.status === 'RESPONDED');
    expect(atJapan.body).toMatchObject({ answer: { result: 'INSUFFICIENT' }, overdueAt: expect.any(String) });
    const rejected = await japan.request('POST', `/v1/verification-cases/${caseId}/close`, { token: japanCustoms, body: { decision: 'REJECTED', remarks: 'Origin not established within the window' } });
    expect(rejected.status).toBe(200);
    await eventually('the rejection at Cambodia', () => caseAt(cambodia, moc, caseId), (r) => r.body.status === 'CLOSED' && r.body.decision?.decision === 'REJECTED');
  });
});
