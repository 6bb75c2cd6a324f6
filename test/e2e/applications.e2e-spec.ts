import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDetachedCms } from '../../src/pki/crypto/cms-signer';
import type { DevSigningKey } from '../../src/pki/crypto/dev-pki';
import { coveredExporterSignature, coversExporterSignature } from '../../src/pki/crypto/exporter-signature-attribute';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { ExternalPki } from '../support/pki';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXPORTER = 'KH-TIN-1234567';
const CONSIGNEE = 'JP-CN-1234567890123';
const DOCUMENT_LIMIT = 1024 * 1024;

// Exporters apply, officers decide (three keys: the exporter, an officer, a second officer), and the
// certificate carries two signatures that `openssl cms -verify` checks.
describe('applications: the exporter applies, officers decide', () => {
  let hub: TestHub;
  let exporter: string;
  let otherTrader: string;
  let consignee: string;
  let customs: string;
  let systemKey: string;
  let alice: string;
  let aliceAgain: string;
  let bob: string;
  let exporterPki: ExternalPki;
  let exporterKey: DevSigningKey;
  let dir: string;

  beforeAll(async () => {
    // Small limits, so the spec can reach them; the upload route's own limit above the hub's body limit.
    hub = await TestHub.start({ env: { HUB_BODY_LIMIT: '262144', HUB_APPLICATION_DOCUMENT_MAX_BYTES: String(DOCUMENT_LIMIT), HUB_APPLICATION_DOCUMENTS_MAX: '3' } });
    systemKey = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    exporter = await hub.trader(EXPORTER, 'KH');
    otherTrader = await hub.trader('KH-TIN-7654321', 'KH');
    consignee = await hub.trader(CONSIGNEE, 'JP');
    alice = await officerKey('alice');
    aliceAgain = await officerKey('alice');
    bob = await officerKey('bob');
    // The exporter's own key: its certificate chains to a CA the ministry accepts as a trust anchor.
    exporterPki = new ExternalPki('KH Chamber of Exporters');
    exporterKey = exporterPki.signingKey({ cn: 'Angkor Rice Export Co., Ltd.' });
    const anchor = await hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-MOC', certificatePem: exporterPki.root.certPem, label: 'exporters CA' });
    expect(anchor.status).toBe(201);
    dir = mkdtempSync(join(tmpdir(), 'applications-e2e-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await hub.close();
  });

  async function officerKey(officerId: string): Promise<string> {
    const res = await hub.operator('POST', '/v1/api-keys', { authority: 'KH-MOC', officerId });
    expect(res.status).toBe(201);
    expect(res.body.officerId).toBe(officerId);
    return res.body.key;
  }

  const call = (token: string, method: string, path: string, body?: unknown) => hub.request(method, path, { token, body });

  async function open(overrides: Record<string, unknown> = {}): Promise<any> {
    const res = await call(exporter, 'POST', '/v1/applications', { authority: 'KH-MOC', certificate: cambodiaToJapan(overrides) });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('DRAFT');
    return res.body;
  }

  function upload(token: string, id: string, kind: string, bytes: Buffer, fileName = 'file.pdf', type = 'application/pdf'): Promise<any> {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), fileName);
    return fetch(`${hub.baseUrl}/v1/applications/${id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form }).then(async (r) => ({
      status: r.status,
      contentType: r.headers.get('content-type'),
      body: await r.json(),
    }));
  }

  async function withDocuments(id: string): Promise<void> {
    expect((await upload(exporter, id, 'INVOICE', PDF, 'invoice.pdf')).status).toBe(201);
    expect((await upload(exporter, id, 'PACKING_LIST', Buffer.from('ARE/OSA/1-1000, 1000 bags of 25 kg\n'), 'packing.txt', 'text/plain')).status).toBe(201);
  }

  async function signDeclaration(id: string, options: { withOpenssl?: boolean } = {}): Promise<any> {
    const declaration = await fetch(`${hub.baseUrl}/v1/applications/${id}/declaration`, { headers: { authorization: `Bearer ${exporter}` } });
    expect(declaration.status).toBe(200);
    const content = Buffer.from(await declaration.arrayBuffer());
    const cms = options.withOpenssl
      ? opensslSign(content)
      : signDetachedCms({ content, signingTime: new Date(), signerCertDer: exporterKey.certDer, chainDer: [exporterPki.issuing.certDer], privateKey: exporterKey.privateKey });
    return call(exporter, 'POST', `/v1/applications/${id}/declaration-signature`, { signature: cms.toString('base64') });
  }

  // As an exporter would sign with its own tools (README, "Exporters apply, officers decide").
  function opensslSign(content: Buffer): Buffer {
    writeFileSync(join(dir, 'declaration.json'), content);
    writeFileSync(join(dir, 'exporter.pem'), exporterKey.certPem);
    writeFileSync(join(dir, 'exporter.key'), exporterPki.privateKeyPem(exporterKey));
    writeFileSync(join(dir, 'exporter-ca.pem'), exporterPki.issuing.certPem);
    const args = ['cms', '-sign', '-binary', '-md', 'sha256', '-in', 'declaration.json', '-signer', 'exporter.pem', '-inkey', 'exporter.key', '-certfile', 'exporter-ca.pem', '-outform', 'DER', '-out', 'declaration.p7s'];
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(0);
    return readFileSync(join(dir, 'declaration.p7s'));
  }

  async function submitted(overrides: Record<string, unknown> = {}, signed = true): Promise<any> {
    const application = await open(overrides);
    await withDocuments(application.id);
    if (signed) expect((await signDeclaration(application.id)).status).toBe(200);
    const res = await call(exporter, 'POST', `/v1/applications/${application.id}/submit`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('SUBMITTED');
    return res.body;
  }

  async function download(path: string, token = exporter): Promise<Buffer> {
    const res = await fetch(`${hub.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  function opensslVerify(content: Buffer, signature: Buffer, caPem: string): { status: number | null; stderr: string } {
    writeFileSync(join(dir, 'content'), content);
    writeFileSync(join(dir, 'sig.der'), signature);
    writeFileSync(join(dir, 'ca.pem'), caPem);
    const result = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'content', '-CAfile', 'ca.pem', '-out', '/dev/null'], { cwd: dir, encoding: 'utf8' });
    return { status: result.status, stderr: result.stderr };
  }

  it('refuses an application in another exporter\'s name, and stores nothing', async () => {
    const before = await hub.count('applications');
    const res = await call(otherTrader, 'POST', '/v1/applications', { authority: 'KH-MOC', certificate: cambodiaToJapan() });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('EXPORTER_NOT_CALLER');
    expect(res.body.violations).toEqual([expect.objectContaining({ path: 'certificate.exporter.id' })]);
    expect(await hub.count('applications')).toBe(before);
  });

  it('runs the whole workflow across three keys: four eyes refuses one officer holding two keys, then a second officer approves', async () => {
    const application = await open({ remarks: 'first draft' });

    // Submission shows every problem at once: both missing documents here.
    const early = await call(exporter, 'POST', `/v1/applications/${application.id}/submit`);
    expect(early.status).toBe(422);
    expect(early.body.violations.map((v: any) => v.ruleId)).toEqual(expect.arrayContaining(['APP-DOC-001', 'APP-DOC-002']));
    expect((await call(exporter, 'GET', `/v1/applications/${application.id}`)).body.status).toBe('DRAFT');

    await withDocuments(application.id);
    const signed = await signDeclaration(application.id);
    expect(signed.status).toBe(200);
    expect(signed.body.declarationSignature).toMatchObject({ signed: true, coversCurrentDeclaration: true });
    const submittedNow = await call(exporter, 'POST', `/v1/applications/${application.id}/submit`);
    expect(submittedNow.status).toBe(200);
    expect(submittedNow.body.status).toBe('SUBMITTED');

    // The officers' queue, oldest first, with the service level.
    const queue = await call(alice, 'GET', '/v1/applications/queue');
    expect(queue.status).toBe(200);
    const queued = queue.body.find((a: any) => a.id === application.id);
    expect(queued.serviceLevel).toMatchObject({ days: 3, counting: 'CALENDAR', overdue: false });
    const submittedTimes = queue.body.map((a: any) => a.submittedAt);
    expect([...submittedTimes].sort()).toEqual(submittedTimes);

    // Alice claims, comments on a field and corrects the data (outside what the exporter declared).
    expect((await call(alice, 'POST', `/v1/applications/${application.id}/claim`)).body).toMatchObject({ status: 'UNDER_REVIEW', claimedBy: 'alice' });
    const comment = await call(alice, 'POST', `/v1/applications/${application.id}/comments`, { path: 'items[0].hsCode', text: 'Checked against the invoice' });
    expect(comment.status).toBe(201);
    // The consignee's address moves out of the import country: a warning the exporter did not see at submission.
    const consigneeAbroad = { ...application.certificate.consignee, address: { ...application.certificate.consignee.address, country: 'SG' } };
    const corrected = { ...application.certificate, remarks: 'Corrected by the ministry', consignee: consigneeAbroad };
    const amended = await call(alice, 'PUT', `/v1/applications/${application.id}/certificate`, { certificate: corrected });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ lastChangedByOfficer: 'alice', declarationSignature: { coversCurrentDeclaration: true } });

    // Before deciding, the officer sees how the rules' answer now differs from the submission's.
    const preview = await call(aliceAgain, 'GET', `/v1/applications/${application.id}/rule-check`);
    expect(preview.status).toBe(200);
    expect(preview.body.ruleDifferences).toEqual([expect.objectContaining({ change: 'NEW', ruleId: 'CO-PARTY-003', path: 'consignee.address.country' })]);
    expect((await call(exporter, 'GET', `/v1/applications/${application.id}/rule-check`)).status).toBe(403);

    // Alice's second key is still Alice: four eyes refuses her approval.
    const refused = await call(aliceAgain, 'POST', `/v1/applications/${application.id}/approve`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FOUR_EYES_REQUIRED');
    expect(await hub.count('certificates', 'application_id = $1', [application.id])).toBe(0);

    // Bob takes the review over and approves: the certificate is issued, signed and sent.
    expect((await call(bob, 'POST', `/v1/applications/${application.id}/claim`)).body.claimedBy).toBe('bob');
    const approved = await call(bob, 'POST', `/v1/applications/${application.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.application).toMatchObject({ status: 'APPROVED', decidedBy: 'bob', certificateId: approved.body.certificate.id });
    expect(approved.body.certificate).toMatchObject({ status: 'ISSUED', issuedThrough: 'APPLICATION_SIGNED_BY_EXPORTER', applicationId: application.id, exporterSigned: true });
    expect(approved.body.certificate.document.remarks).toBe('Corrected by the ministry');
    expect(approved.body.ruleDifferences).toEqual([expect.objectContaining({ change: 'NEW', ruleId: 'CO-PARTY-003' })]);
    const certificateId = approved.body.certificate.id;
    await hub.waitForQueues();

    // Both signatures pass `openssl cms -verify`: the authority's over the document, to its anchor...
    const anchors = await hub.operator('GET', '/v1/pki/trust-anchors?authority=KH-MOC');
    const ministryCaPem = anchors.body.filter((a: any) => a.fingerprintSha256 !== exporterPki.root.certificate.fingerprintSha256).map((a: any) => a.certificatePem).join('');
    const document = await download(`/v1/certificates/${certificateId}/document`, bob);
    const authoritySignature = await download(`/v1/certificates/${certificateId}/signature`, bob);
    expect(opensslVerify(document, authoritySignature, ministryCaPem)).toEqual({ status: 0, stderr: expect.stringContaining('Verification successful') });
    // ... and the exporter's over its declaration, to the exporters' CA.
    const declaration = await download(`/v1/certificates/${certificateId}/exporter-declaration`, bob);
    const exporterSignature = await download(`/v1/certificates/${certificateId}/exporter-signature`, bob);
    expect(opensslVerify(declaration, exporterSignature, exporterPki.root.certPem)).toEqual({ status: 0, stderr: expect.stringContaining('Verification successful') });
    // The authority's signature covers the exporter's (its hash, in a signed attribute), so neither can be swapped.
    expect(coveredExporterSignature(authoritySignature)?.sha256).toEqual(createHash('sha256').update(exporterSignature).digest());
    expect(coversExporterSignature(authoritySignature, exporterSignature)).toBe(true);
    const tampered = Buffer.from(exporterSignature);
    tampered[tampered.length - 1] ^= 1;
    expect(opensslVerify(declaration, tampered, exporterPki.root.certPem).status).not.toBe(0);

    // A verification reports both signatures, each with its own checks.
    const verified = await call(bob, 'POST', '/v1/verifications', { issuingAuthority: 'KH-MOC', certificateNumber: approved.body.certificate.certificateNumber });
    expect(verified.status).toBe(200);
    expect(verified.body.verdict).toBe('VALID');
    expect(verified.body.signatures).toMatchObject({
      issuedThrough: 'APPLICATION_SIGNED_BY_EXPORTER',
      authority: { present: true, valid: true, chain: { trusted: true }, reasons: [] },
      exporter: { present: true, valid: true, coveredByAuthority: true, chain: { trusted: true, trustAnchorFingerprintSha256: exporterPki.root.certificate.fingerprintSha256 }, reasons: [] },
    });
    expect(verified.body.signatures.exporter.signer.subject).toBe('CN=Angkor Rice Export Co.\\, Ltd.');
    expect(verified.body.signatures.authority.signer.fingerprintSha256).not.toBe(verified.body.signatures.exporter.signer.fingerprintSha256);

    // The PDF shows both.
    writeFileSync(join(dir, 'certificate.pdf'), await download(`/v1/certificates/${certificateId}/pdf`, bob));
    const printed = spawnSync('pdftotext', ['-layout', 'certificate.pdf', '-'], { cwd: dir, encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(printed).toContain('Signature of the issuing authority: valid detached CMS');
    expect(printed).toContain("Signature of the exporter: valid detached CMS over the declaration by");
    expect(printed).toContain("covered by the authority's signature");

    // The history and the audit log hold every step.
    const events = await call(exporter, 'GET', `/v1/applications/${application.id}/events`);
    expect(events.body.map((e: any) => e.type)).toEqual([
      'CREATED',
      'DOCUMENT_ADDED',
      'DOCUMENT_ADDED',
      'DECLARATION_SIGNED',
      'SUBMITTED',
      'CLAIMED',
      'COMMENTED',
      'AMENDED',
      'CLAIMED',
      'APPROVED',
    ]);
    expect(events.body.filter((e: any) => e.officerId).map((e: any) => e.officerId)).toEqual(['alice', 'alice', 'alice', 'bob', 'bob']);
    expect(await hub.count('audit_log', "entity_type = 'application' AND entity_id = $1", [application.id])).toBe(10);
    const certificateEvents = await call(bob, 'GET', `/v1/certificates/${certificateId}/events`);
    // Created and issued in one step (one instant), then delivered to Japan's customs, served here.
    expect(certificateEvents.body.map((e: any) => e.type).sort()).toEqual(['CREATED', 'ISSUED', 'RECEIVED']);
    expect(certificateEvents.body.find((e: any) => e.type === 'ISSUED')).toMatchObject({ actor: 'authority:KH-MOC/officer:bob', data: { applicationId: application.id, issuedThrough: 'APPLICATION_SIGNED_BY_EXPORTER' } });

    // The consignee sees the certificate once issued, never the application.
    expect((await call(consignee, 'GET', `/v1/certificates/${certificateId}`)).status).toBe(200);
    expect((await call(consignee, 'GET', `/v1/applications/${application.id}`)).status).toBe(404);
  });

  it('shows an application to its exporter and its authority only', async () => {
    const application = await submitted({}, false);
    expect((await call(exporter, 'GET', `/v1/applications/${application.id}`)).status).toBe(200);
    const seen = await call(systemKey, 'GET', `/v1/applications/${application.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.documents.map((d: any) => d.kind)).toEqual(['INVOICE', 'PACKING_LIST']);
    expect(await download(`/v1/applications/${application.id}/documents/${seen.body.documents[0].id}`, systemKey)).toEqual(PDF);
    expect((await call(otherTrader, 'GET', `/v1/applications/${application.id}`)).status).toBe(404);
    expect((await call(consignee, 'GET', `/v1/applications/${application.id}`)).status).toBe(404);
    expect((await call(otherTrader, 'GET', '/v1/applications')).body.map((a: any) => a.id)).not.toContain(application.id);
    expect((await call(exporter, 'GET', '/v1/applications')).body.map((a: any) => a.id)).toContain(application.id);
    // The importing customs and the operator never see applications.
    expect((await call(customs, 'GET', `/v1/applications/${application.id}`)).status).toBe(403);
    expect((await call(customs, 'GET', '/v1/applications')).status).toBe(403);
    expect((await hub.operator('GET', '/v1/applications')).status).toBe(403);
    // The exporter is shown no service level: that is the authority's yardstick.
    expect((await call(exporter, 'GET', `/v1/applications/${application.id}`)).body.serviceLevel).toBeUndefined();
    expect((await call(systemKey, 'GET', `/v1/applications/${application.id}`)).body.serviceLevel).toMatchObject({ days: 3 });
  });

  it("keeps a draft the exporter's own until its first submission", async () => {
    const draft = await open();
    expect((await call(alice, 'GET', `/v1/applications/${draft.id}`)).status).toBe(404);
    expect((await call(alice, 'POST', `/v1/applications/${draft.id}/claim`)).status).toBe(404);
    expect((await call(alice, 'GET', '/v1/applications')).body.map((a: any) => a.id)).not.toContain(draft.id);
    await withDocuments(draft.id);
    expect((await call(exporter, 'POST', `/v1/applications/${draft.id}/submit`)).status).toBe(200);
    expect((await call(alice, 'GET', `/v1/applications/${draft.id}`)).status).toBe(200);
  });

  it('records every decision with its officer: a key that names none takes no step', async () => {
    const application = await submitted({}, false);
    const res = await call(systemKey, 'POST', `/v1/applications/${application.id}/claim`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OFFICER_REQUIRED');
    expect((await call(exporter, 'POST', `/v1/applications/${application.id}/claim`)).status).toBe(403);
  });

  it('refuses approval with a code when a change voided the exporter\'s signature, and approves once the exporter signs again', async () => {
    const application = await submitted();
    await call(alice, 'POST', `/v1/applications/${application.id}/claim`);
    const items = application.certificate.items.map((item: any) => ({ ...item, description: 'Jasmine rice, milled, broken' }));
    expect((await call(alice, 'PUT', `/v1/applications/${application.id}/certificate`, { certificate: { ...application.certificate, items } })).body.declarationSignature).toMatchObject({
      signed: true,
      coversCurrentDeclaration: false,
    });
    await call(bob, 'POST', `/v1/applications/${application.id}/claim`);
    const refused = await call(bob, 'POST', `/v1/applications/${application.id}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DECLARATION_SIGNATURE_VOID');
    // Signed again, this time with OpenSSL, as the README shows.
    expect((await signDeclaration(application.id, { withOpenssl: true })).body.declarationSignature.coversCurrentDeclaration).toBe(true);
    const approved = await call(bob, 'POST', `/v1/applications/${application.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.certificate.document.items[0].description).toBe('Jasmine rice, milled, broken');
  });

  it("refuses approval when the exporter's key was revoked after it signed", async () => {
    const revokedKey = exporterPki.signingKey({ cn: 'Angkor Rice Export Co., Ltd. (old key)' });
    const application = await open();
    await withDocuments(application.id);
    const declaration = await download(`/v1/applications/${application.id}/declaration`);
    const cms = signDetachedCms({ content: declaration, signingTime: new Date(), signerCertDer: revokedKey.certDer, chainDer: [exporterPki.issuing.certDer], privateKey: revokedKey.privateKey });
    expect((await call(exporter, 'POST', `/v1/applications/${application.id}/declaration-signature`, { signature: cms.toString('base64') })).status).toBe(200);
    expect((await call(exporter, 'POST', `/v1/applications/${application.id}/submit`)).status).toBe(200);
    // The exporters' issuing CA revokes the key (its CRL registered with the hub, which knows the CA), and the officer approves later.
    expect((await hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-MOC', certificatePem: exporterPki.issuing.certPem })).status).toBe(201);
    const crl = exporterPki.crl([{ certDer: revokedKey.certDer, date: new Date() }]);
    expect((await hub.operator('POST', '/v1/pki/crls', { crlBase64: crl.toString('base64') })).status).toBe(201);
    await call(alice, 'POST', `/v1/applications/${application.id}/claim`);
    const refused = await call(alice, 'POST', `/v1/applications/${application.id}/approve`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('DECLARATION_SIGNATURE_INVALID');
    expect(refused.body.reasons).toContain('SIGNER_REVOKED_BEFORE_ISSUE');
    expect(await hub.count('certificates', 'application_id = $1', [application.id])).toBe(0);
    expect((await call(alice, 'GET', `/v1/applications/${application.id}`)).body.status).toBe('UNDER_REVIEW');
  });

  it('refuses a declaration signature that is not the exporter\'s over this declaration', async () => {
    const application = await open();
    const stranger = new ExternalPki('Unknown CA').signingKey({ cn: 'Somebody' });
    const declaration = await download(`/v1/applications/${application.id}/declaration`);
    const untrusted = signDetachedCms({ content: declaration, signingTime: new Date(), signerCertDer: stranger.certDer, privateKey: stranger.privateKey });
    const res = await call(exporter, 'POST', `/v1/applications/${application.id}/declaration-signature`, { signature: untrusted.toString('base64') });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('DECLARATION_SIGNATURE_INVALID');
    const otherContent = signDetachedCms({ content: Buffer.from('{}'), signingTime: new Date(), signerCertDer: exporterKey.certDer, chainDer: [exporterPki.issuing.certDer], privateKey: exporterKey.privateKey });
    expect((await call(exporter, 'POST', `/v1/applications/${application.id}/declaration-signature`, { signature: otherContent.toString('base64') })).body.code).toBe('DECLARATION_SIGNATURE_INVALID');
    const garbage = await call(exporter, 'POST', `/v1/applications/${application.id}/declaration-signature`, { signature: '!!not base64!!' });
    expect(garbage.status).toBe(422);
    expect(garbage.body.violations).toEqual([expect.objectContaining({ ruleId: 'APP-SIG-001' })]);
    expect((await call(exporter, 'GET', `/v1/applications/${application.id}`)).body.declarationSignature.signed).toBe(false);
  });

  it('issues without an exporter key, stating that the declaration was made through the exporter\'s API key', async () => {
    const application = await submitted({}, false);
    await call(alice, 'POST', `/v1/applications/${application.id}/claim`);
    const approved = await call(alice, 'POST', `/v1/applications/${application.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.certificate).toMatchObject({ issuedThrough: 'APPLICATION_THROUGH_EXPORTER_API_KEY', exporterSigned: false });
    expect((await call(alice, 'GET', `/v1/certificates/${approved.body.certificate.id}/exporter-signature`)).status).toBe(404);
    const verified = await call(alice, 'POST', '/v1/verifications', { issuingAuthority: 'KH-MOC', certificateNumber: approved.body.certificate.certificateNumber });
    expect(verified.body.signatures).toMatchObject({ issuedThrough: 'APPLICATION_THROUGH_EXPORTER_API_KEY', authority: { present: true, valid: true }, exporter: { present: false, valid: false, coveredByAuthority: false } });
    // A certificate the authority issues itself says so.
    const direct = await call(systemKey, 'POST', '/v1/certificates', { ...cambodiaToJapan() });
    expect(direct.body.issuedThrough).toBe('AUTHORITY_DIRECTLY');
  });

  it('returns an application for changes, takes it again, and rejects it with coded reasons', async () => {
    const application = await submitted({}, false);
    await call(alice, 'POST', `/v1/applications/${application.id}/claim`);
    const returned = await call(alice, 'POST', `/v1/applications/${application.id}/request-changes`, { message: 'Please correct the means of transport' });
    expect(returned.body).toMatchObject({ status: 'CHANGES_REQUESTED', claimedBy: null });
    const edited = await call(exporter, 'PUT', `/v1/applications/${application.id}`, { certificate: { ...application.certificate, remarks: 'as asked' } });
    expect(edited.body.status).toBe('CHANGES_REQUESTED');
    expect((await call(exporter, 'POST', `/v1/applications/${application.id}/submit`)).body.status).toBe('SUBMITTED');
    await call(bob, 'POST', `/v1/applications/${application.id}/claim`);
    const noReason = await call(bob, 'POST', `/v1/applications/${application.id}/reject`, { reasons: [] });
    expect(noReason.status).toBe(422);
    const rejected = await call(bob, 'POST', `/v1/applications/${application.id}/reject`, { reasons: [{ code: 'INSUFFICIENT_EVIDENCE', text: 'No mill records' }] });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', decidedBy: 'bob', rejectionReasons: [{ code: 'INSUFFICIENT_EVIDENCE', text: 'No mill records' }] });
    // Final: nothing more happens to it.
    expect((await call(exporter, 'POST', `/v1/applications/${application.id}/withdraw`)).body.code).toBe('ILLEGAL_TRANSITION');
    expect((await call(bob, 'POST', `/v1/applications/${application.id}/approve`)).status).toBe(409);
  });

  it('lets the exporter withdraw before a decision', async () => {
    const application = await submitted({}, false);
    const withdrawn = await call(exporter, 'POST', `/v1/applications/${application.id}/withdraw`);
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    expect((await call(alice, 'POST', `/v1/applications/${application.id}/claim`)).status).toBe(409);
  });

  describe('hostile input gets problem+json 4xx, every problem at once, and changes nothing', () => {
    it('a body of the wrong shape', async () => {
      const before = await hub.count('applications');
      const res = await call(exporter, 'POST', '/v1/applications', { authority: 42, certificate: 'no', extra: true });
      expect(res.status).toBe(422);
      expect(res.body.violations.map((v: any) => v.path)).toEqual(expect.arrayContaining(['authority', 'certificate', 'extra']));
      const shape = await call(exporter, 'POST', '/v1/applications', { authority: 'KH-MOC', certificate: { ...cambodiaToJapan(), items: [{ hsCode: 12 }], transport: 'x' } });
      expect(shape.status).toBe(422);
      expect(shape.body.violations.length).toBeGreaterThan(2);
      expect(shape.body.violations.every((v: any) => v.path.startsWith('certificate'))).toBe(true);
      expect((await hub.request('POST', '/v1/applications', { token: exporter, rawBody: '{"authority":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
      expect((await call(exporter, 'POST', '/v1/applications', { authority: 'JP-CUSTOMS', certificate: cambodiaToJapan() })).body.code).toBe('AUTHORITY_NOT_ISSUER');
      expect(await hub.count('applications')).toBe(before);
    });

    it('uploads: too large, wrong type, unknown kind, too many', async () => {
      const application = await open();
      const tooLarge = await upload(exporter, application.id, 'INVOICE', Buffer.concat([PDF, Buffer.alloc(DOCUMENT_LIMIT)]));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.contentType).toContain('application/problem+json');
      expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
      // A JSON body that large is refused by the hub's body limit; the upload route has its own.
      expect((await call(exporter, 'PUT', `/v1/applications/${application.id}`, { certificate: { remarks: 'x'.repeat(300_000) } })).status).toBe(413);
      const disguised = await upload(exporter, application.id, 'PASSPORT', Buffer.from('MZ\x90\x00\x03'), 'invoice.pdf');
      expect(disguised.status).toBe(422);
      expect(disguised.body.violations.map((v: any) => v.ruleId)).toEqual(['APP-UPLOAD-001', 'APP-UPLOAD-006']);
      const exe = await upload(exporter, application.id, 'OTHER', Buffer.from('MZ'), 'run.exe', 'application/x-msdownload');
      expect(exe.body.violations.map((v: any) => v.ruleId)).toEqual(['APP-UPLOAD-003']);
      expect(await hub.count('application_documents', 'application_id = $1', [application.id])).toBe(0);
      // Larger than the hub's body limit, within the route's own.
      const scan = Buffer.concat([PDF, Buffer.alloc(400_000, 0x20)]);
      expect((await upload(exporter, application.id, 'INVOICE', scan)).status).toBe(201);
      for (const kind of ['PACKING_LIST', 'OTHER']) expect((await upload(exporter, application.id, kind, PDF)).status).toBe(201);
      const fourth = await upload(exporter, application.id, 'OTHER', PDF);
      expect(fourth.status).toBe(409);
      expect(fourth.body.code).toBe('TOO_MANY_DOCUMENTS');
      // Nobody uploads to another's application, nor reads its documents.
      expect((await upload(otherTrader, application.id, 'INVOICE', PDF)).status).toBe(404);
      const listed = await call(exporter, 'GET', `/v1/applications/${application.id}`);
      expect(listed.body.documents).toHaveLength(3);
      expect(listed.body.documents[0]).toMatchObject({ kind: 'INVOICE', size: scan.length, sha256: createHash('sha256').update(scan).digest('hex') });
      expect(await download(`/v1/applications/${application.id}/documents/${listed.body.documents[0].id}`)).toEqual(scan);
      // Nor does the authority before the first submission.
      expect((await call(alice, 'GET', `/v1/applications/${application.id}/documents/${listed.body.documents[0].id}`)).status).toBe(404);
      expect((await call(otherTrader, 'GET', `/v1/applications/${application.id}/documents/${listed.body.documents[0].id}`)).status).toBe(404);
      // A JSON body on the upload route, and multipart elsewhere, are 415.
      expect((await call(exporter, 'POST', `/v1/applications/${application.id}/documents`, { kind: 'INVOICE' })).status).toBe(415);
    });

    it('review inputs', async () => {
      const application = await submitted({}, false);
      await call(alice, 'POST', `/v1/applications/${application.id}/claim`);
      const comment = await call(alice, 'POST', `/v1/applications/${application.id}/comments`, { path: 'items[0]; DROP TABLE', text: '' });
      expect(comment.status).toBe(422);
      expect(comment.body.violations.map((v: any) => v.path).sort()).toEqual(['path', 'text']);
      const reject = await call(alice, 'POST', `/v1/applications/${application.id}/reject`, { reasons: [{ code: 'BECAUSE' }] });
      expect(reject.status).toBe(422);
      const settings = await call(alice, 'PUT', '/v1/applications/settings', { fourEyes: 'yes', dayCounting: 'LUNAR', serviceDays: 0, serviceDaysByAgreement: { 'bad code': 400 } });
      expect(settings.status).toBe(422);
      expect(settings.body.violations.map((v: any) => v.path).sort()).toEqual(['dayCounting', 'fourEyes', 'serviceDays']);
      expect((await call(alice, 'GET', `/v1/applications/${application.id}`)).body.status).toBe('UNDER_REVIEW');
      expect((await call(alice, 'GET', '/v1/applications/not-a-uuid')).status).toBe(404);
    });
  });

  it('counts the service level in weekdays when the authority says so, and shows what is overdue', async () => {
    const set = await call(alice, 'PUT', '/v1/applications/settings', { fourEyes: true, dayCounting: 'WEEKDAYS', serviceDays: 5, serviceDaysByAgreement: { RCEP: 2 } });
    expect(set.status).toBe(200);
    const application = await submitted({}, false);
    const seen = await call(alice, 'GET', `/v1/applications/${application.id}`);
    expect(seen.body.serviceLevel).toMatchObject({ days: 2, counting: 'WEEKDAYS', overdue: false });
    // Submitted long ago (set behind the hub's back, as time would): overdue in the queue.
    await hub.dataSource.query(`UPDATE applications SET submitted_at = now() - interval '30 days' WHERE id = $1`, [application.id]);
    const queue = await call(alice, 'GET', '/v1/applications/queue');
    expect(queue.body[0]).toMatchObject({ id: application.id, serviceLevel: { overdue: true } });
    await call(alice, 'PUT', '/v1/applications/settings', { fourEyes: true, dayCounting: 'CALENDAR', serviceDays: 3, serviceDaysByAgreement: {} });
  });
});
