import { createServer } from 'node:net';
import { cambodiaToJapan } from '../fixtures/certificates';
import { devNodeIdentity, eventually, partnerBody } from '../support/exchange';
import { HttpResult, TEST_ADMIN_TOKEN, TestHub } from '../support/hub';
import { declarationFor } from '../support/matching';
import { useOwnDatabase } from '../support/own-database';
import { PartnerSimulator, accept } from '../../scripts/partner-simulator/simulator';

jest.setTimeout(180_000);

// What must stay between authorities, hubs and the operator. Each marker is unique, so finding it
// in an answer means that answer carries it.
const SECRET = {
  responseReason: 'SECRET-RESPONSE-REASON invoice checked by officer 17',
  caseReason: 'SECRET-CASE-REASON origin criterion WO doubtful',
  caseQuestion: 'SECRET-CASE-QUESTION where was the paddy milled',
  requestedDocument: 'SECRET-REQUESTED-DOCUMENT mill ledger lot 7',
  answerRemarks: 'SECRET-ANSWER-REMARKS wholly obtained, see ledger',
  attachmentName: 'secret-mill-ledger.pdf',
  attachmentText: 'SECRET-ATTACHMENT-BYTES',
  closeRemarks: 'SECRET-CLOSE-REMARKS ledger matches',
  ackWarning: 'SECRET-ACK-WARNING tariff line unknown at the border',
};
const PDF = Buffer.from(`%PDF-1.7\n% ${SECRET.attachmentText}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
// The partner nodes are infrastructure: their codes, the network error and the envelope ids are the operator's.
const NODE_A = 'JP-NODE-A';
const NODE_B = 'JP-NODE-B';

const ROLES = ['operator', 'issuer', 'importingCustoms', 'siblingCustoms', 'otherCustoms', 'otherIssuer', 'exporter', 'consignee', 'unrelatedTrader', 'public'] as const;
type Role = (typeof ROLES)[number];
const TRADERS: Role[] = ['exporter', 'consignee', 'unrelatedTrader'];

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// A shared hub: Cambodia's ministry issues for Japan, whose customs JP-CUSTOMS (and a second customs
// authority, JP-CUSTOMS-OSAKA) are served here; the certificate also goes through two partner nodes,
// one that acknowledges with a warning and one nobody listens at. It then goes through a customs
// response, a matched import declaration and a verification case answered with an attachment.
describe('what each role sees of a certificate, field by field, and what a trader cannot reach', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let simulator: PartnerSimulator;
  const token: Partial<Record<Role, string>> = { operator: TEST_ADMIN_TOKEN };
  const story = {} as { id: string; number: string; verifyToken: string; caseId: string; attachmentId: string; declarationId: string; declarationNumber: string; envelopeIds: string[] };

  const as = (role: Role, method: string, path: string, body?: unknown): Promise<HttpResult> => hub.request(method, path, { token: token[role], body });
  const get = (role: Role, path: string) => as(role, 'GET', path);

  beforeAll(async () => {
    own = await useOwnDatabase('visibility_by_role');
    simulator = await PartnerSimulator.start();
    simulator.always(accept('DELIVERED_WITH_WARNINGS', [{ message: SECRET.ackWarning }]));
    hub = await TestHub.start();
    token.issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    token.otherIssuer = await hub.authority('KH-CCI', 'KH', ['ISSUER']);
    token.importingCustoms = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    token.siblingCustoms = await hub.authority('JP-CUSTOMS-OSAKA', 'JP', ['CUSTOMS']);
    token.otherCustoms = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
    token.exporter = await hub.trader('KH-TIN-1234567', 'KH');
    token.consignee = await hub.trader('JP-CN-1234567890123', 'JP');
    token.unrelatedTrader = await hub.trader('KH-TIN-7654321', 'KH');
    const fast = { retry: { maxAttempts: 1, baseDelayMs: 50, maxDelayMs: 100 }, timeoutMs: 2000, outboundAuth: { type: 'NONE' } };
    for (const [code, endpointUrl, authority] of [
      [NODE_A, simulator.url, 'JP-CUSTOMS-NARITA'],
      [NODE_B, `http://127.0.0.1:${await closedPort()}`, 'JP-CUSTOMS-KANSAI'],
    ]) {
      const partner = await hub.operator('POST', '/v1/partners', partnerBody({ code, endpointUrl, routes: [{ country: 'JP', authority }], nodeCertificate: devNodeIdentity(code).certificatePem, ...fast }));
      expect(partner.status).toBe(201);
    }

    const document = cambodiaToJapan();
    const created = await as('issuer', 'POST', '/v1/certificates', document);
    expect(created.status).toBe(201);
    const issued = await as('issuer', 'POST', `/v1/certificates/${created.body.id}/issue`);
    expect(issued.status).toBe(200);
    Object.assign(story, { id: issued.body.id, number: issued.body.certificateNumber, verifyToken: issued.body.verificationToken });
    await eventually('the four deliveries to settle', () => get('operator', `/v1/certificates/${story.id}/deliveries`), (r) => r.body.length === 4 && r.body.every((d: any) => d.status !== 'PENDING'));

    const accepted = await as('importingCustoms', 'POST', `/v1/certificates/${story.id}/customs-responses`, { decision: 'ACCEPT', reason: SECRET.responseReason });
    expect(accepted.status).toBe(201);
    const declaration = declarationFor(document);
    const declared = await as('importingCustoms', 'POST', '/v1/import-declarations', declaration);
    expect(declared.status).toBe(201);
    expect(declared.body.match).toMatchObject({ status: 'MATCHED', useRecorded: true });
    Object.assign(story, { declarationId: declared.body.id, declarationNumber: declaration.declarationNumber });
    const asked = await as('importingCustoms', 'POST', `/v1/certificates/${story.id}/verification-requests`, {
      reason: SECRET.caseReason,
      questions: [SECRET.caseQuestion],
      requestedDocuments: [SECRET.requestedDocument],
    });
    expect(asked.status).toBe(201);
    story.caseId = asked.body.id;
    const answered = await as('issuer', 'POST', `/v1/verification-cases/${story.caseId}/responses`, {
      result: 'CONFIRMED',
      remarks: SECRET.answerRemarks,
      attachments: [{ fileName: SECRET.attachmentName, contentType: 'application/pdf', content: PDF.toString('base64') }],
    });
    expect(answered.status).toBe(201);
    story.attachmentId = answered.body.answer.attachments[0].id;
    const closed = await as('importingCustoms', 'POST', `/v1/verification-cases/${story.caseId}/close`, { decision: 'VERIFIED', remarks: SECRET.closeRemarks });
    expect(closed.status).toBe(200);
    const all = await eventually('every delivery to settle', () => get('operator', `/v1/certificates/${story.id}/deliveries`), (r) => r.body.length === 8 && r.body.every((d: any) => d.status !== 'PENDING'));
    story.envelopeIds = all.body.map((d: any) => d.envelopeId);
  });

  afterAll(async () => {
    await hub?.close();
    await simulator?.close();
    await own?.restore();
  });

  // Who gets what status, endpoint by endpoint: 404 for a certificate (or case, declaration) the
  // caller may not see, so numbers cannot be probed; 403 for a role the action is not for.
  const ACCESS: [string, () => string, Record<Role, number>][] = [
    ['certificate', () => `/v1/certificates/${story.id}`, { operator: 200, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 404, otherIssuer: 404, exporter: 200, consignee: 200, unrelatedTrader: 404, public: 401 }],
    ['history', () => `/v1/certificates/${story.id}/events`, { operator: 200, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 404, otherIssuer: 404, exporter: 200, consignee: 200, unrelatedTrader: 404, public: 401 }],
    ['deliveries', () => `/v1/certificates/${story.id}/deliveries`, { operator: 200, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 404, otherIssuer: 404, exporter: 200, consignee: 200, unrelatedTrader: 404, public: 401 }],
    ['signed document', () => `/v1/certificates/${story.id}/document`, { operator: 200, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 404, otherIssuer: 404, exporter: 200, consignee: 200, unrelatedTrader: 404, public: 401 }],
    ['signature', () => `/v1/certificates/${story.id}/signature`, { operator: 200, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 404, otherIssuer: 404, exporter: 200, consignee: 200, unrelatedTrader: 404, public: 401 }],
    ['pdf', () => `/v1/certificates/${story.id}/pdf`, { operator: 200, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 404, otherIssuer: 404, exporter: 200, consignee: 200, unrelatedTrader: 404, public: 401 }],
    ['customs responses', () => `/v1/certificates/${story.id}/customs-responses`, { operator: 403, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 404, otherIssuer: 404, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
    ['verification case', () => `/v1/verification-cases/${story.caseId}`, { operator: 403, issuer: 200, importingCustoms: 200, siblingCustoms: 404, otherCustoms: 404, otherIssuer: 404, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
    ['case attachment', () => `/v1/verification-cases/${story.caseId}/attachments/${story.attachmentId}`, { operator: 403, issuer: 200, importingCustoms: 200, siblingCustoms: 404, otherCustoms: 404, otherIssuer: 404, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
    ['cases list', () => '/v1/verification-cases', { operator: 403, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 200, otherIssuer: 200, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
    ['inbox', () => '/v1/inbox', { operator: 403, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 200, otherIssuer: 200, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
    ['import declaration', () => `/v1/import-declarations/${story.declarationId}`, { operator: 200, issuer: 403, importingCustoms: 200, siblingCustoms: 404, otherCustoms: 404, otherIssuer: 403, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
    ['declarations list', () => '/v1/import-declarations', { operator: 200, issuer: 403, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 200, otherIssuer: 403, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
    ['prefill', () => `/v1/import-declarations/prefill?certificateNumber=${story.number}`, { operator: 403, issuer: 403, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 404, otherIssuer: 403, exporter: 404, consignee: 200, unrelatedTrader: 404, public: 401 }],
    ['statistics', () => '/v1/stats', { operator: 200, issuer: 200, importingCustoms: 200, siblingCustoms: 200, otherCustoms: 200, otherIssuer: 200, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
    ['verification statistics', () => '/v1/verifications/statistics?authority=KH-MOC', { operator: 200, issuer: 200, importingCustoms: 403, siblingCustoms: 403, otherCustoms: 403, otherIssuer: 403, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
    ['all deliveries', () => '/v1/deliveries', { operator: 200, issuer: 403, importingCustoms: 403, siblingCustoms: 403, otherCustoms: 403, otherIssuer: 403, exporter: 403, consignee: 403, unrelatedTrader: 403, public: 401 }],
  ];

  it.each(ACCESS)('answers each role on the %s with the status its role allows', async (_what, path, expected) => {
    const seen: Partial<Record<Role, number>> = {};
    for (const role of ROLES) seen[role] = (await get(role, path())).status;
    expect(seen).toEqual(expected);
  });

  it('lists the certificate to those who may see it, and to no one else', async () => {
    const listed: Partial<Record<Role, boolean>> = {};
    for (const role of ROLES.filter((r) => r !== 'public')) {
      const res = await get(role, `/v1/certificates?certificateNumber=${story.number}`);
      expect(res.status).toBe(200);
      listed[role] = res.body.items.some((c: any) => c.id === story.id);
    }
    expect(listed).toEqual({ operator: true, issuer: true, importingCustoms: true, siblingCustoms: true, otherCustoms: false, otherIssuer: false, exporter: true, consignee: true, unrelatedTrader: false });
  });

  it('shows every role that sees the certificate the same fields of it: its own status and the import status, nothing of the answers behind them', async () => {
    const fields = [
      'applicationId', 'cancellationReason', 'certificateNumber', 'copyNumber', 'createdAt', 'document', 'documentFunction', 'documentHash', 'expiresAt', 'exporterSigned', 'id', 'importStatus', 'issueDateTime', 'issuedThrough',
      'issuingAuthority', 'origin', 'receivedAt', 'receivedFrom', 'replacedById', 'replacesId', 'signatureCheck', 'status', 'updatedAt', 'verificationToken', 'versions', 'warnings',
    ];
    for (const role of ['operator', 'issuer', 'importingCustoms', 'siblingCustoms', 'exporter', 'consignee'] as Role[]) {
      const res = await get(role, `/v1/certificates/${story.id}`);
      expect(Object.keys(res.body).sort()).toEqual(fields);
      expect(res.body).toMatchObject({ status: 'ISSUED', importStatus: 'VERIFIED' });
    }
  });

  describe('the history', () => {
    const history = async (role: Role) => (await get(role, `/v1/certificates/${story.id}/events`)).body as any[];
    const LIFECYCLE = ['CREATED', 'UPDATED', 'ISSUED', 'CANCELLED', 'REPLACED', 'DUPLICATED', 'EXPIRED', 'RECEIVED', 'IMPORT_STATUS_CHANGED', 'USE_RECORDED'];

    it('is whole for the operator, the issuer and the customs authority that asked the case and matched the declaration', async () => {
      const whole = await history('operator');
      expect(new Set(whole.map((e) => e.type))).toEqual(new Set(['CREATED', 'ISSUED', 'RECEIVED', 'IMPORT_STATUS_CHANGED', 'CUSTOMS_RESPONSE', 'USE_RECORDED', 'VERIFICATION_REQUESTED', 'VERIFICATION_RESPONDED', 'VERIFICATION_CLOSED']));
      const text = JSON.stringify(whole);
      for (const marker of [SECRET.responseReason, SECRET.caseReason, SECRET.closeRemarks, SECRET.attachmentName, story.declarationNumber]) expect(text).toContain(marker);
      expect(await history('issuer')).toEqual(whole);
      expect(await history('importingCustoms')).toEqual(whole);
    });

    it("shows another customs authority of the importing country that the case happened, not what only its two parties read, nor another authority's declaration number", async () => {
      const whole = await history('operator');
      const seen = await history('siblingCustoms');
      expect(seen.map((e) => [e.id, e.type, e.fromStatus, e.toStatus])).toEqual(whole.map((e) => [e.id, e.type, e.fromStatus, e.toStatus]));
      expect(seen.find((e) => e.type === 'VERIFICATION_REQUESTED').data).toEqual({ caseId: story.caseId, dueAt: expect.any(String) });
      expect(seen.find((e) => e.type === 'VERIFICATION_RESPONDED').data).toEqual({ caseId: story.caseId });
      expect(seen.find((e) => e.type === 'VERIFICATION_CLOSED').data).toEqual({ caseId: story.caseId, decision: 'VERIFIED' });
      expect(seen.find((e) => e.type === 'USE_RECORDED').data).toEqual({ source: 'IMPORT_DECLARATION', lines: [{ itemNumber: 1, quantity: '25000', unit: 'KGM' }] });
      const text = JSON.stringify(seen);
      for (const marker of [SECRET.caseReason, SECRET.caseQuestion, SECRET.attachmentName, SECRET.closeRemarks, story.declarationNumber]) expect(text).not.toContain(marker);
    });

    it.each(['exporter', 'consignee'] as Role[])('shows the %s the lifecycle and the import status, none of the messages between authorities', async (role) => {
      const whole = await history('operator');
      const seen = await history(role);
      expect(seen.map((e) => [e.id, e.type, e.fromStatus, e.toStatus])).toEqual(whole.filter((e) => LIFECYCLE.includes(e.type)).map((e) => [e.id, e.type, e.fromStatus, e.toStatus]));
      const moves = (events: any[]) => events.filter((e) => e.type === 'IMPORT_STATUS_CHANGED').map((e) => e.toStatus);
      expect(moves(seen)).toEqual(moves(whole));
      expect(moves(seen)).toEqual(expect.arrayContaining(['ACCEPTED', 'DISPUTED', 'VERIFIED']));
      expect(seen.filter((e) => e.type === 'IMPORT_STATUS_CHANGED').every((e) => Object.keys(e.data).length === 0)).toBe(true);
      expect(seen.find((e) => e.type === 'USE_RECORDED').data).toEqual({ lines: [{ itemNumber: 1, quantity: '25000', unit: 'KGM' }] });
      expect(seen.filter((e) => e.type === 'RECEIVED').map((e) => e.data)).toEqual(whole.filter((e) => e.type === 'RECEIVED').map(() => ({})));
      const text = JSON.stringify(seen);
      for (const marker of [...Object.values(SECRET), story.declarationNumber, story.caseId, story.declarationId, ...story.envelopeIds]) expect(text).not.toContain(marker);
    });
  });

  describe('the deliveries', () => {
    const deliveries = async (role: Role) => (await get(role, `/v1/certificates/${story.id}/deliveries`)).body as any[];
    const routes = (ds: any[]) => ds.map((d) => `${d.messageType}>${d.recipient.authority}`).sort();
    const certificateMessages = ['CO_ISSUED>JP-CUSTOMS', 'CO_ISSUED>JP-CUSTOMS-KANSAI', 'CO_ISSUED>JP-CUSTOMS-NARITA', 'CO_ISSUED>JP-CUSTOMS-OSAKA'];
    const answers = ['CUSTOMS_RESPONSE>KH-MOC', 'CUSTOMS_RESPONSE>KH-MOC', 'VERIFICATION_REQUEST>KH-MOC', 'VERIFICATION_RESPONSE>JP-CUSTOMS'];

    it("are whole for the operator, with the transport's own words for what failed", async () => {
      const seen = await deliveries('operator');
      expect(routes(seen)).toEqual([...certificateMessages, ...answers].sort());
      const down = seen.find((d) => d.recipient.partner === NODE_B);
      expect(down).toMatchObject({ status: 'FAILED', lastErrorCode: 'RETRY_BUDGET_SPENT', lastError: expect.stringMatching(/^network error ECONNREFUSED; the retry budget of 1 attempts? is spent$/) });
      expect(down.attempts).toEqual([expect.objectContaining({ outcome: 'RETRY', errorCode: 'PARTNER_UNREACHABLE', error: down.lastError })]);
      expect(seen.find((d) => d.recipient.partner === NODE_A)).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', acknowledgement: { warnings: [{ message: SECRET.ackWarning }] } });
    });

    it('are every delivery for the issuer, with codes and never the network error', async () => {
      const seen = await deliveries('issuer');
      expect(routes(seen)).toEqual([...certificateMessages, ...answers].sort());
      const down = seen.find((d) => d.recipient.partner === NODE_B);
      expect(down).toMatchObject({ status: 'FAILED', lastErrorCode: 'RETRY_BUDGET_SPENT', attempts: [{ outcome: 'RETRY', errorCode: 'PARTNER_UNREACHABLE' }] });
      expect(seen.every((d) => !('lastError' in d) && d.attempts.every((a: any) => !('error' in a)))).toBe(true);
      expect(JSON.stringify(seen)).not.toMatch(/ECONNREFUSED|network error|127\.0\.0\.1/);
    });

    it.each(['importingCustoms', 'siblingCustoms'] as Role[])('are the messages to Japan and the answers with the issuer for %s, with codes', async (role) => {
      const seen = await deliveries(role);
      expect(routes(seen)).toEqual([...certificateMessages, ...answers].sort());
      expect(seen.find((d) => d.recipient.partner === NODE_A).acknowledgement).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', warnings: [{ message: SECRET.ackWarning }] });
      expect(JSON.stringify(seen)).not.toMatch(/ECONNREFUSED|network error/);
    });

    it.each(['exporter', 'consignee'] as Role[])('are the delivery of the certificate to the importing country for the %s: where, how it stands, why not as a code', async (role) => {
      const seen = await deliveries(role);
      expect(routes(seen)).toEqual(certificateMessages);
      const fields = ['acknowledgedAt', 'acknowledgement', 'attemptCount', 'certificateId', 'createdAt', 'id', 'lastErrorCode', 'messageType', 'nextAttemptAt', 'recipient', 'relatedCertificateId', 'status', 'updatedAt'];
      for (const d of seen) {
        expect(Object.keys(d).sort()).toEqual(fields);
        expect(Object.keys(d.recipient).sort()).toEqual(['authority', 'country']);
        if (d.acknowledgement) expect(Object.keys(d.acknowledgement).sort()).toEqual(expect.arrayContaining(['status']));
        if (d.acknowledgement) expect(Object.keys(d.acknowledgement).every((k) => ['status', 'receivedAt'].includes(k))).toBe(true);
      }
      expect(seen.find((d) => d.recipient.authority === 'JP-CUSTOMS-KANSAI')).toMatchObject({ status: 'FAILED', lastErrorCode: 'RETRY_BUDGET_SPENT', acknowledgement: null });
      expect(seen.find((d) => d.recipient.authority === 'JP-CUSTOMS-NARITA')).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', acknowledgement: { status: 'DELIVERED_WITH_WARNINGS' } });
      const text = JSON.stringify(seen);
      for (const marker of [SECRET.ackWarning, NODE_A, NODE_B, 'ECONNREFUSED', ...story.envelopeIds]) expect(text).not.toContain(marker);
    });
  });

  /** The markers an answer carries that the request did not (a refusal may name the path it was asked). */
  function leaked(request: string, answer: string, markers: string[]): string[] {
    return markers.filter((m) => !request.includes(m) && answer.includes(m));
  }

  // The attacker's crawl: every read a trader can make, including the ones it is refused, and
  // nothing in any answer comes from the messages between authorities, the cases, the declarations,
  // the partner nodes or the envelopes.
  it.each(TRADERS)('leaks nothing between authorities to the %s, on any endpoint it can call', async (role) => {
    const paths = [
      ...ACCESS.map(([, path]) => path()),
      '/v1/certificates',
      `/v1/certificates?importStatus=VERIFIED`,
      `/v1/import-declarations/prefill?ucr=${encodeURIComponent((await get('operator', `/v1/certificates/${story.id}`)).body.document.ucr)}`,
      '/v1/agreements',
    ];
    const answers: [string, string][] = [];
    for (const path of paths) answers.push([path, (await get(role, path)).text]);
    answers.push(['POST /v1/verifications', (await as(role, 'POST', '/v1/verifications', { issuingAuthority: 'KH-MOC', certificateNumber: story.number })).text]);
    answers.push([`/verify/${story.verifyToken}`, (await hub.request('GET', `/verify/${story.verifyToken}`)).text]);
    const markers = [...Object.values(SECRET), story.declarationNumber, story.declarationId, story.caseId, story.attachmentId, NODE_A, NODE_B, 'ECONNREFUSED', 'network error', ...story.envelopeIds];
    expect(answers.map(([request, answer]) => [request, leaked(request, answer, markers)])).toEqual(answers.map(([request]) => [request, []]));
  });

  it("keeps what only a case's two parties read from another customs authority of the importing country, on every endpoint it can call", async () => {
    const answers: [string, string][] = [];
    for (const [, path] of ACCESS) answers.push([path(), (await get('siblingCustoms', path())).text]);
    const markers = [SECRET.caseReason, SECRET.caseQuestion, SECRET.requestedDocument, SECRET.answerRemarks, SECRET.attachmentName, SECRET.attachmentText, story.declarationNumber];
    expect(answers.map(([request, answer]) => [request, leaked(request, answer, markers)])).toEqual(answers.map(([request]) => [request, []]));
  });

  it("answers a trader's and the public's verification with the verdict and the public summary, the importing customs' with every check", async () => {
    const body = { issuingAuthority: 'KH-MOC', certificateNumber: story.number };
    for (const role of ['exporter', 'consignee', 'unrelatedTrader', 'public'] as Role[]) {
      const res = await as(role, 'POST', '/v1/verifications', body);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['scope', 'summary', 'verdict', 'verifiedAt']);
      expect(res.body.scope).toBe('PUBLIC');
    }
    const full = await as('importingCustoms', 'POST', '/v1/verifications', body);
    expect(full.body).toMatchObject({ scope: 'FULL', certificate: { importStatus: 'VERIFIED' } });
  });

  it('lets no trader act for an authority, and what it tried changed nothing', async () => {
    const before = (await get('operator', `/v1/certificates/${story.id}`)).body;
    const countsBefore = [await hub.count('customs_responses'), await hub.count('verification_cases'), await hub.count('import_declarations'), await hub.count('certificate_events')];
    for (const role of ['exporter', 'consignee'] as Role[]) {
      const attempts = [
        await as(role, 'POST', `/v1/certificates/${story.id}/customs-responses`, { decision: 'REJECT', reason: 'forged by a trader' }),
        await as(role, 'POST', `/v1/certificates/${story.id}/verification-requests`, { reason: 'forged', questions: ['?'] }),
        await as(role, 'POST', `/v1/verification-cases/${story.caseId}/responses`, { result: 'CONFIRMED' }),
        await as(role, 'POST', `/v1/verification-cases/${story.caseId}/close`, { decision: 'REJECTED', remarks: 'forged' }),
        await as(role, 'POST', '/v1/import-declarations', { declarationNumber: 'X-1' }),
        await as(role, 'POST', `/v1/certificates/${story.id}/cancel`, { reason: 'forged' }),
        await as(role, 'POST', `/v1/deliveries/${story.id}/redeliver`),
      ];
      expect(attempts.map((a) => [a.status, a.body.code])).toEqual(Array(attempts.length).fill([403, 'FORBIDDEN']));
    }
    expect((await get('operator', `/v1/certificates/${story.id}`)).body).toEqual(before);
    expect([await hub.count('customs_responses'), await hub.count('verification_cases'), await hub.count('import_declarations'), await hub.count('certificate_events')]).toEqual(countsBefore);
  });
});
