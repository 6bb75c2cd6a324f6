import { createHash, randomBytes } from 'node:crypto';
import { MarkOverdueCasesUseCase } from '../../src/authority-exchange/cases/mark-overdue-cases.use-case';
import { cambodiaToJapan } from '../fixtures/certificates';
import { eventually } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

const DAY_MS = 24 * 3600 * 1000;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

// A shared hub where Cambodia's Ministry of Commerce and Japan's customs both live: the case is one
// row both parties read, and its messages take the local route.
describe('verification cases: asked by the importing customs, answered by the issuer', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let moc: string;
  let otherIssuer: string;
  let customs: string;
  let osakaCustoms: string;
  let thaiCustoms: string;

  beforeAll(async () => {
    own = await useOwnDatabase('verification_cases');
    hub = await TestHub.start();
    moc = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    otherIssuer = await hub.authority('KH-CCI', 'KH', ['ISSUER']);
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    osakaCustoms = await hub.authority('JP-CUSTOMS-OSAKA', 'JP', ['CUSTOMS']);
    thaiCustoms = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const certificate = async (id: string) => (await hub.request('GET', `/v1/certificates/${id}`, { token: customs })).body;

  async function issued(): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token: moc, body: cambodiaToJapan() });
    expect(created.status).toBe(201);
    const res = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: moc });
    expect(res.status).toBe(200);
    await eventually('importStatus RECEIVED', () => certificate(res.body.id), (c) => c.importStatus === 'RECEIVED');
    return res.body;
  }

  const ask = (id: string, body: Record<string, unknown> = {}, token = customs) =>
    hub.request('POST', `/v1/certificates/${id}/verification-requests`, { token, body: { reason: 'Origin criterion WO doubtful', questions: ['Where was the paddy grown and milled?'], requestedDocuments: ['Mill records for lot 7'], ...body } });
  const answer = (caseId: string, body: Record<string, unknown>, token = moc) => hub.request('POST', `/v1/verification-cases/${caseId}/responses`, { token, body });
  const close = (caseId: string, body: Record<string, unknown>, token = customs) => hub.request('POST', `/v1/verification-cases/${caseId}/close`, { token, body });
  const pdf = (bytes = PDF, fileName = 'mill-records.pdf') => ({ fileName, contentType: 'application/pdf', content: bytes.toString('base64') });

  async function openCase(body: Record<string, unknown> = {}): Promise<{ cert: any; kase: any }> {
    const cert = await issued();
    const res = await ask(cert.id, body);
    expect(res.status).toBe(201);
    return { cert, kase: res.body };
  }

  it('opens a case after clearance: importStatus DISPUTED, due date from the RCEP window, the request delivered to the issuer', async () => {
    const cert = await issued();
    expect((await hub.request('POST', `/v1/certificates/${cert.id}/customs-responses`, { token: customs, body: { decision: 'ACCEPT' } })).status).toBe(201);
    const res = await ask(cert.id);
    expect(res.status).toBe(201);
    const kase = res.body;
    expect(kase).toMatchObject({
      certificate: { id: cert.id, issuingAuthority: 'KH-MOC', certificateNumber: cert.certificateNumber, copyNumber: 0 },
      requestingAuthority: 'JP-CUSTOMS',
      issuingAuthority: 'KH-MOC',
      status: 'REQUESTED',
      importStatusBefore: 'ACCEPTED',
      responseDays: 90,
      responseWindow: { profile: cert.versions.profile, minDays: 30, maxDays: 90 },
      requestedDocuments: ['Mill records for lot 7'],
      answer: null,
      decision: null,
      yourSides: ['REQUESTER'],
      origin: 'LOCAL',
    });
    // RCEP Art 3.24.4(a): at most 90 days from the request.
    expect(new Date(kase.dueAt).getTime() - new Date(kase.requestedAt).getTime()).toBe(90 * DAY_MS);
    expect((await certificate(cert.id)).importStatus).toBe('DISPUTED');

    const seenByIssuer = await hub.request('GET', `/v1/verification-cases/${kase.id}`, { token: moc });
    expect(seenByIssuer.body).toMatchObject({ id: kase.id, yourSides: ['ISSUER'], status: 'REQUESTED' });
    const delivered = await eventually('the VERIFICATION_REQUEST delivery', () => hub.dataSource.query(`SELECT status, route, recipient_authority FROM deliveries WHERE certificate_id = $1 AND message_type = 'VERIFICATION_REQUEST'`, [cert.id]), (rows) => rows[0]?.status === 'DELIVERED');
    expect(delivered).toEqual([{ status: 'DELIVERED', route: 'LOCAL', recipient_authority: 'KH-MOC' }]);
    expect(await hub.count('verification_cases', 'certificate_id = $1', [cert.id])).toBe(1);

    // One open case at a time: the certificate is DISPUTED until it is decided.
    const again = await ask(cert.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_IMPORT_TRANSITION', currentStatus: 'DISPUTED' });
  });

  it("takes a response period within the agreement's window, and refuses one outside it", async () => {
    const cert = await issued();
    const short = await ask(cert.id, { responseDays: 10 });
    expect(short.status).toBe(422);
    expect(short.body.violations).toEqual([{ ruleId: 'CASE-DUE-001', severity: 'error', path: 'responseDays', message: `${cert.versions.profile} allows the issuing authority at least 30 days` }]);
    const shape = await ask(cert.id, { questions: [], responseDays: '45', extra: true });
    expect(shape.status).toBe(422);
    expect(shape.body.violations.map((v: any) => v.path).sort()).toEqual(['extra', 'questions', 'responseDays']);
    expect((await certificate(cert.id)).importStatus).toBe('RECEIVED');
    const ok = await ask(cert.id, { responseDays: 45 });
    expect(ok.status).toBe(201);
    expect(new Date(ok.body.dueAt).getTime() - new Date(ok.body.requestedAt).getTime()).toBe(45 * DAY_MS);
  });

  it('takes the answer with its attachments hashed, lets only the two parties download them, and closes VERIFIED', async () => {
    const { cert, kase } = await openCase();
    const notes = Buffer.from('Paddy from Battambang, milled at Angkor Mill, lot 7.');
    const res = await answer(kase.id, { result: 'CONFIRMED', remarks: 'Wholly obtained in Cambodia', attachments: [pdf(), { fileName: 'notes.txt', contentType: 'text/plain', content: notes.toString('base64') }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'RESPONDED', answer: { result: 'CONFIRMED', remarks: 'Wholly obtained in Cambodia', late: false } });
    const [file, text] = res.body.answer.attachments;
    expect(file).toMatchObject({ fileName: 'mill-records.pdf', contentType: 'application/pdf', size: PDF.length, uploadedBy: 'KH-MOC' });
    expect(file.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(text.size).toBe(notes.length);

    // The hashes travel inside the envelope, with the bytes. The customs authority is served by this
    // hub, so the envelope is handed over here, without a node signature (to a partner, the node
    // signature covers them).
    const [{ envelope, route }] = await hub.dataSource.query(`SELECT envelope, route FROM deliveries WHERE certificate_id = $1 AND message_type = 'VERIFICATION_RESPONSE'`, [cert.id]);
    expect(route).toBe('LOCAL');
    expect(envelope.signature).toBeUndefined();
    expect(envelope.payload.verificationResponse.attachments[0]).toMatchObject({ id: file.id, sha256: file.sha256, size: PDF.length, content: PDF.toString('base64') });

    const download = await fetch(`${hub.baseUrl}/v1/verification-cases/${kase.id}/attachments/${file.id}`, { headers: { authorization: `Bearer ${customs}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('attachment; filename="mill-records.pdf"');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await hub.request('GET', `/v1/verification-cases/${kase.id}/attachments/${file.id}`, { token: moc })).status).toBe(200);
    expect((await hub.request('GET', `/v1/verification-cases/${kase.id}/attachments/${file.id}`, { token: osakaCustoms })).status).toBe(404);
    expect((await hub.request('GET', `/v1/verification-cases/${kase.id}/attachments/${file.id}`, { token: otherIssuer })).status).toBe(404);
    expect((await hub.request('GET', `/v1/verification-cases/${kase.id}/attachments/${kase.id}`, { token: customs })).body.code).toBe('ATTACHMENT_NOT_FOUND');
    expect(await hub.count('audit_log', `action = 'VERIFICATION_ATTACHMENT_READ' AND entity_id = $1`, [kase.id])).toBe(2);

    const second = await answer(kase.id, { result: 'NOT_CONFIRMED' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'ILLEGAL_CASE_TRANSITION', currentStatus: 'RESPONDED' });

    const closed = await close(kase.id, { decision: 'VERIFIED', remarks: 'Mill records confirm WO' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', decision: { decision: 'VERIFIED', remarks: 'Mill records confirm WO' } });
    expect((await certificate(cert.id)).importStatus).toBe('VERIFIED');
    // The decision goes to the issuer as a CUSTOMS_RESPONSE, which it sees on the certificate.
    const responses = (await hub.request('GET', `/v1/certificates/${cert.id}/customs-responses`, { token: moc })).body;
    expect(responses).toEqual([expect.objectContaining({ decision: 'CASE_CLOSED', caseId: kase.id, caseDecision: 'VERIFIED', importStatus: { from: 'DISPUTED', to: 'VERIFIED' } })]);
    // VERIFIED -> ACCEPTED: the customs use the certificate again.
    const use = await hub.request('POST', `/v1/certificates/${cert.id}/customs-responses`, { token: customs, body: { decision: 'USE', uses: [{ itemNumber: 1, quantity: '100', unit: 'KGM' }] } });
    expect(use.body).toMatchObject({ importStatus: { from: 'VERIFIED', to: 'ACCEPTED' } });
  });

  it('answers a closed case, or one that is not yours, with a clear 409 or 404', async () => {
    const { kase } = await openCase();
    expect((await answer(kase.id, { result: 'CONFIRMED' }, otherIssuer)).status).toBe(404);
    expect((await answer(kase.id, { result: 'CONFIRMED' }, otherIssuer)).body.code).toBe('CASE_NOT_FOUND');
    expect((await answer(kase.id, { result: 'CONFIRMED' }, customs)).status).toBe(403);
    expect((await hub.request('GET', `/v1/verification-cases/${kase.id}`, { token: osakaCustoms })).status).toBe(404);
    expect((await hub.request('GET', `/v1/verification-cases/${kase.id}`, { token: thaiCustoms })).status).toBe(404);
    expect((await hub.operator('GET', `/v1/verification-cases/${kase.id}`)).status).toBe(403);
    expect((await answer('5b7c2f0e-3d3a-4f0b-9d6e-1c2b3a4d5e6f', { result: 'CONFIRMED' })).status).toBe(404);

    // Nobody decides before the answer or the due date.
    const early = await close(kase.id, { decision: 'REJECTED', remarks: 'No answer' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'ILLEGAL_CASE_TRANSITION', currentStatus: 'REQUESTED' });

    expect((await answer(kase.id, { result: 'INSUFFICIENT', remarks: 'Mill records lost in a flood' })).status).toBe(201);
    const verified = await close(kase.id, { decision: 'VERIFIED' });
    expect(verified.status).toBe(409);
    expect(verified.body.detail).toContain('only on a CONFIRMED answer');
    expect((await close(kase.id, { decision: 'REJECTED' })).body.violations).toEqual([expect.objectContaining({ ruleId: 'CASE-CLOSE-001', path: 'remarks' })]);
    expect((await close(kase.id, { decision: 'REJECTED', remarks: 'Origin not established' }, osakaCustoms)).status).toBe(404);
    expect((await close(kase.id, { decision: 'REJECTED', remarks: 'Origin not established' }, moc)).status).toBe(403);
    const rejected = await close(kase.id, { decision: 'REJECTED', remarks: 'Origin not established' });
    expect(rejected.status).toBe(200);
    expect((await certificate(kase.certificate.id)).importStatus).toBe('REJECTED');

    const late = await answer(kase.id, { result: 'CONFIRMED', remarks: 'Records found' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'CASE_CLOSED', currentStatus: 'CLOSED' });
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect((await close(kase.id, { decision: 'REJECTED', remarks: 'Again' })).body).toMatchObject({ status: 409, code: 'CASE_CLOSED' });
  });

  it('refuses oversized attachments with 413 and types off the allow-list with 422, writing nothing', async () => {
    const { kase } = await openCase();
    // Over the 256 KiB cap per file, inside the 1 MiB body limit.
    const big = await answer(kase.id, { result: 'CONFIRMED', attachments: [pdf(Buffer.concat([PDF, Buffer.alloc(300 * 1024, 0x20)]))] });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    expect(big.body).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', maxBytes: 256 * 1024, violations: [{ ruleId: 'CASE-ATT-001', path: 'attachments[0].content' }] });
    // Beyond the body limit itself: refused before it is read.
    const huge = await answer(kase.id, { result: 'CONFIRMED', attachments: [pdf(Buffer.alloc(1024 * 1024, 0x41))] });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');

    const wrongType = await answer(kase.id, {
      result: 'CONFIRMED',
      attachments: [
        { fileName: 'invoice.html', contentType: 'text/html', content: Buffer.from('<script>alert(1)</script>').toString('base64') },
        { fileName: 'scan.pdf', contentType: 'application/pdf', content: Buffer.from('MZ\x90\x00 not a pdf').toString('base64') },
        { fileName: 'x.txt', contentType: 'text/plain', content: 'not base64!' },
      ],
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.violations.map((v: any) => [v.ruleId, v.path])).toEqual([
      ['CASE-ATT-002', 'attachments[0].contentType'],
      ['CASE-ATT-004', 'attachments[1].content'],
      ['CASE-ATT-003', 'attachments[2].content'],
    ]);
    expect((await hub.request('GET', `/v1/verification-cases/${kase.id}`, { token: moc })).body.status).toBe('REQUESTED');
    expect(await hub.count('verification_attachments', 'case_id = $1', [kase.id])).toBe(0);
  });

  it('marks cases past their due date OVERDUE, puts them first in both inboxes, and still takes a late answer', async () => {
    const soon = await openCase({ responseDays: 30 });
    const later = await openCase({ responseDays: 60 });
    const overdue = hub.app.get(MarkOverdueCasesUseCase);
    expect(await overdue.execute(new Date(Date.now() + 20 * DAY_MS))).toBe(0);
    expect(await overdue.execute(new Date(Date.now() + 31 * DAY_MS))).toBeGreaterThanOrEqual(1);
    const first = await hub.request('GET', `/v1/verification-cases/${soon.kase.id}`, { token: customs });
    expect(first.body).toMatchObject({ status: 'OVERDUE', overdueAt: expect.any(String) });
    expect((await hub.request('GET', `/v1/verification-cases/${later.kase.id}`, { token: customs })).body.status).toBe('REQUESTED');
    expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'VERIFICATION_OVERDUE'`, [soon.cert.id])).toBe(1);
    // Run again: nothing more to mark.
    await overdue.execute(new Date(Date.now() + 31 * DAY_MS));
    expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'VERIFICATION_OVERDUE'`, [soon.cert.id])).toBe(1);

    const customsInbox = await hub.request('GET', '/v1/inbox', { token: customs });
    expect(customsInbox.status).toBe(200);
    const ranks = customsInbox.body.items.map((i: any) => i.status);
    expect(ranks.indexOf('OVERDUE')).toBe(0);
    expect(ranks.lastIndexOf('OVERDUE')).toBeLessThan(ranks.indexOf('REQUESTED'));
    expect(customsInbox.body.items.find((i: any) => i.id === soon.kase.id)).toMatchObject({ kind: 'VERIFICATION_CASE', side: 'REQUESTER', counterpart: 'KH-MOC', overdue: true, actionRequired: true, dueAt: soon.kase.dueAt });
    expect(customsInbox.body.items.find((i: any) => i.id === later.kase.id)).toMatchObject({ overdue: false, actionRequired: false, dueAt: later.kase.dueAt });
    const mocInbox = await hub.request('GET', '/v1/inbox?kind=VERIFICATION_CASE', { token: moc });
    expect(mocInbox.body.items[0]).toMatchObject({ status: 'OVERDUE', side: 'ISSUER', counterpart: 'JP-CUSTOMS', actionRequired: true });
    expect(mocInbox.body.items.every((i: any) => i.kind === 'VERIFICATION_CASE')).toBe(true);
    // Open cases by due date after the overdue ones.
    const dues = mocInbox.body.items.filter((i: any) => i.status !== 'OVERDUE').map((i: any) => i.dueAt);
    expect(dues).toEqual([...dues].sort());

    const page = await hub.request('GET', '/v1/inbox?limit=1', { token: customs });
    expect(page.body).toMatchObject({ items: [{ id: customsInbox.body.items[0].id }], nextOffset: 1 });
    const next = await hub.request('GET', '/v1/inbox?limit=1&offset=1', { token: customs });
    expect(next.body.items[0].id).toBe(customsInbox.body.items[1].id);
    expect((await hub.request('GET', '/v1/inbox?limit=0', { token: customs })).status).toBe(422);
    expect((await hub.operator('GET', '/v1/inbox')).status).toBe(403);
    expect((await hub.request('GET', '/v1/inbox', { token: thaiCustoms })).body).toEqual({ items: [], nextOffset: null });

    const listed = await hub.request('GET', '/v1/verification-cases?status=OVERDUE&side=ISSUER', { token: moc });
    expect(listed.body.items.map((k: any) => k.id)).toContain(soon.kase.id);
    expect(listed.body.items.every((k: any) => k.status === 'OVERDUE')).toBe(true);
    expect((await hub.request('GET', `/v1/verification-cases?certificateId=${later.cert.id}`, { token: customs })).body.items.map((k: any) => k.id)).toEqual([later.kase.id]);
    expect((await hub.request('GET', '/v1/verification-cases?side=REQUESTER', { token: moc })).body.items).toEqual([]);

    // An answer to an overdue case is still recorded; when it became overdue stays on the case.
    const late = await answer(soon.kase.id, { result: 'NOT_CONFIRMED', remarks: 'The exporter could not show mill records' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ status: 'RESPONDED', answer: { result: 'NOT_CONFIRMED' }, overdueAt: first.body.overdueAt });
  });

  it('keeps an UNROUTABLE request on record when nobody serves the issuer', async () => {
    // A certificate received for trust only from an issuer this hub does not serve, and no partner.
    const number = `KH-X-${randomBytes(3).toString('hex')}`;
    const created = await hub.request('POST', '/v1/certificates', { token: moc, body: cambodiaToJapan({ certificateNumber: number }) });
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: moc })).status).toBe(200);
    await eventually('importStatus RECEIVED', () => certificate(created.body.id), (c) => c.importStatus === 'RECEIVED');
    await hub.changeBehindItsBack('authorities', () => hub.dataSource.query(`UPDATE authorities SET served_here = false WHERE code = 'KH-MOC'`));
    try {
      const res = await ask(created.body.id);
      expect(res.status).toBe(201);
      const [row] = await hub.dataSource.query(`SELECT status, route, recipient_country FROM deliveries WHERE certificate_id = $1 AND message_type = 'VERIFICATION_REQUEST'`, [created.body.id]);
      expect(row).toEqual({ status: 'UNROUTABLE', route: 'NONE', recipient_country: 'KH' });
    } finally {
      await hub.changeBehindItsBack('authorities', () => hub.dataSource.query(`UPDATE authorities SET served_here = true WHERE code = 'KH-MOC'`));
    }
  });
});
