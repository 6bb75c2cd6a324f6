import { canonicalJson } from '../../src/core/canonical/canonical-json';
import { CertificateUseSource } from '../../src/certificates/domain/use-ledger';
import { CertificateLedger } from '../../src/certificates/ledger/certificate-ledger';
import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { cambodiaToJapan } from '../fixtures/certificates';
import { ForeignIssuer, PartnerNode, devNodeIdentity, issuedDocument, partnerBody, unsignedEnvelope } from '../support/exchange';
import { TestHub } from '../support/hub';
import { ExternalPki } from '../support/pki';
import { checkOf, issue, issueWithParts, publicAddress, verify, verifyMultipart } from '../support/verification';

// POST /v1/verifications: the verdict with every check for the importing customs, the issuer and
// the operator; the verdict and a summary for anyone else; every answer logged; bad input refused.
describe('verification: is this certificate genuine, current and about these goods?', () => {
  let hub: TestHub;
  let issuer: string;
  let otherIssuer: string;
  let customsJp: string;
  let customsTh: string;
  let trader: string;

  beforeAll(async () => {
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    otherIssuer = await hub.authority('KH-CCC', 'KH', ['ISSUER']);
    customsJp = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    customsTh = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
    trader = await hub.trader('JP-CN-1234567890123', 'JP');
  });

  afterAll(async () => {
    await hub.close();
  });

  const reference = (cert: any) => ({ issuingAuthority: cert.issuingAuthority, certificateNumber: cert.certificateNumber });

  describe('by reference', () => {
    it('gives the importing customs VALID with every check and its reason code, logs it and audits the read', async () => {
      const cert = await issue(hub, issuer);
      // Japan's customs are served here: the local delivery (importStatus RECEIVED) is made before the
      // verification, so the import status it reads does not depend on which finishes first.
      await hub.waitForQueues();
      const res = await verify(hub, reference(cert), { token: customsJp });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ verdict: 'VALID', scope: 'FULL', reasons: [] });
      expect(res.body.checks.map((c: any) => [c.check, c.outcome, c.reason])).toEqual([
        ['INTEGRITY', 'PASS', 'DOCUMENT_INTACT'],
        ['SIGNATURE', 'PASS', 'SIGNATURE_VALID'],
        ['CHAIN', 'PASS', 'CHAIN_TRUSTED'],
        ['SIGNER_VALIDITY', 'PASS', 'SIGNER_VALID_AT_ISSUE'],
        ['REVOCATION', 'PASS', 'NOT_REVOKED'],
        ['STATUS', 'PASS', 'ISSUED'],
        ['IMPORT_STATUS', 'PASS', 'IMPORT_RECEIVED'],
        ['QUANTITY', 'PASS', 'QUANTITY_REMAINING'],
        ['DATASET', 'PASS', 'RULES_PASSED'],
      ]);
      expect(res.body.certificate).toMatchObject({ id: cert.id, status: 'ISSUED', documentHash: cert.documentHash, profileVersion: expect.stringMatching(/^RCEP@/) });
      expect(res.body.summary).toMatchObject({ certificateNumber: cert.certificateNumber, issuingAuthority: 'KH-MOC', exportCountry: 'KH', importCountry: 'JP', hsCodes: ['100630'], status: 'ISSUED' });

      const [logged] = await hub.dataSource.query('SELECT caller, method, answer_scope, certificate_id, issuing_authority_code, verdict, reasons FROM verifications WHERE certificate_id = $1', [cert.id]);
      expect(logged).toEqual({ caller: 'authority:JP-CUSTOMS', method: 'REFERENCE', answer_scope: 'FULL', certificate_id: cert.id, issuing_authority_code: 'KH-MOC', verdict: 'VALID', reasons: [] });
      const audits = await hub.dataSource.query(`SELECT actor, payload FROM audit_log WHERE entity_id = $1 AND action = 'CERTIFICATE_READ'`, [cert.id]);
      expect(audits).toHaveLength(1);
      expect(audits[0].actor).toBe('authority:JP-CUSTOMS');
      expect(JSON.parse(audits[0].payload)).toMatchObject({ via: 'verification' });
    });

    it('gives the public, traders and other customs the verdict and the summary only, nothing about the parties', async () => {
      const cert = await issue(hub, issuer);
      for (const options of [{ from: publicAddress() }, { token: trader }, { token: customsTh }, { token: otherIssuer }]) {
        const res = await verify(hub, reference(cert), options);
        expect(res.status).toBe(200);
        expect(Object.keys(res.body).sort()).toEqual(['scope', 'summary', 'verdict', 'verifiedAt']);
        expect(res.body).toMatchObject({ verdict: 'VALID', scope: 'PUBLIC', summary: { certificateNumber: cert.certificateNumber, status: 'ISSUED' } });
        expect(res.text).not.toMatch(/Angkor|Osaka|KH-TIN|JP-CN|Sok Dara/);
      }
      const callers = await hub.dataSource.query('SELECT caller, answer_scope FROM verifications WHERE certificate_id = $1 ORDER BY verified_at', [cert.id]);
      expect(callers.map((c: any) => c.answer_scope)).toEqual(['PUBLIC', 'PUBLIC', 'PUBLIC', 'PUBLIC']);
      expect(callers[0].caller).toMatch(/^public:[0-9a-f]{32}$/);
      // Nobody got the full answer, so nobody read the certificate.
      expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_READ'`, [cert.id])).toBe(0);
    });

    it('gives the issuer and the operator the full answer; the issuer reading its own is not audited', async () => {
      const cert = await issue(hub, issuer);
      expect((await verify(hub, reference(cert), { token: issuer })).body).toMatchObject({ verdict: 'VALID', scope: 'FULL' });
      expect((await hub.request('POST', '/v1/verifications', { token: process.env.HUB_ADMIN_TOKEN, body: reference(cert) })).body.scope).toBe('FULL');
      const actors = await hub.dataSource.query(`SELECT actor FROM audit_log WHERE entity_id = $1 AND action = 'CERTIFICATE_READ'`, [cert.id]);
      expect(actors.map((a: any) => a.actor)).toEqual(['operator']);
    });

    it('is INVALID once cancelled, and INVALID once replaced, naming the replacement', async () => {
      const cancelled = await issue(hub, issuer);
      expect((await hub.request('POST', `/v1/certificates/${cancelled.id}/cancel`, { token: issuer, body: { reason: 'issued in error' } })).status).toBe(200);
      const afterCancel = await verify(hub, reference(cancelled), { token: customsJp });
      expect(afterCancel.body).toMatchObject({ verdict: 'INVALID', reasons: ['CANCELLED'] });
      expect((await verify(hub, reference(cancelled), { from: publicAddress() })).body).toMatchObject({ verdict: 'INVALID', summary: { status: 'CANCELLED' } });

      const original = await issue(hub, issuer);
      const replacement = await hub.request('POST', `/v1/certificates/${original.id}/replacement`, {
        token: issuer,
        body: cambodiaToJapan({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: original.certificateNumber }),
      });
      expect(replacement.status).toBe(201);
      const replaced = await verify(hub, reference(original), { token: customsJp });
      expect(replaced.body).toMatchObject({ verdict: 'INVALID', reasons: ['REPLACED'], certificate: { replacedBy: replacement.body.certificateNumber } });
      expect(checkOf(replaced.body, 'STATUS')).toMatchObject({ outcome: 'FAIL', reason: 'REPLACED', details: { replacedBy: replacement.body.certificateNumber } });
      expect((await verify(hub, reference(replacement.body), { token: customsJp })).body.verdict).toBe('VALID');
    });

    it("is INVALID with EXPIRED once the agreement's validity has passed, before the expiry job runs", async () => {
      const cert = await issue(hub, issuer);
      // The clock cannot be moved for one certificate: its validity is moved instead.
      await hub.dataSource.query(`UPDATE certificates SET expires_at = now() - interval '1 minute' WHERE id = $1`, [cert.id]);
      const res = await verify(hub, reference(cert), { token: customsJp });
      expect(res.body).toMatchObject({ verdict: 'INVALID', reasons: ['EXPIRED'], summary: { status: 'EXPIRED' } });
    });

    it('verifies a certified true copy by its copy number', async () => {
      const cert = await issue(hub, issuer);
      const duplicate = await hub.request('POST', `/v1/certificates/${cert.id}/duplicate`, { token: issuer, body: { reason: 'original lost' } });
      expect(duplicate.status).toBe(201);
      const res = await verify(hub, { ...reference(cert), copyNumber: 1 }, { token: customsJp });
      expect(res.body).toMatchObject({ verdict: 'VALID', certificate: { id: duplicate.body.id, copyNumber: 1, documentFunction: 'DUPLICATE' } });
    });

    it('is UNKNOWN for a number the hub does not hold, and for a number of another authority, revealing nothing', async () => {
      const cert = await issue(hub, issuer);
      for (const body of [{ issuingAuthority: 'KH-MOC', certificateNumber: 'KH-NO-SUCH-1' }, { issuingAuthority: 'KH-CCC', certificateNumber: cert.certificateNumber }, { ...reference(cert), copyNumber: 7 }]) {
        const full = await verify(hub, body, { token: process.env.HUB_ADMIN_TOKEN });
        expect(full.status).toBe(200);
        expect(full.body).toMatchObject({ verdict: 'UNKNOWN', reasons: ['CERTIFICATE_NOT_FOUND'], summary: null, certificate: null });
        const open = await verify(hub, body, { from: publicAddress() });
        expect(open.body).toEqual({ verdict: 'UNKNOWN', scope: 'PUBLIC', summary: null, verifiedAt: expect.any(String) });
      }
      const [logged] = await hub.dataSource.query(`SELECT certificate_id, issuing_authority_code, certificate_number, verdict FROM verifications WHERE certificate_number = 'KH-NO-SUCH-1' LIMIT 1`);
      expect(logged).toEqual({ certificate_id: null, issuing_authority_code: 'KH-MOC', certificate_number: 'KH-NO-SUCH-1', verdict: 'UNKNOWN' });
    });

    it('is UNKNOWN with NO_TRUST_ANCHOR for an issuer whose anchor is gone', async () => {
      const token = await hub.authority('KH-NOANCHOR', 'KH', ['ISSUER']);
      const cert = await issue(hub, token);
      // Trust anchors cannot be withdrawn through the API yet: this stands for an operator removing it.
      await hub.dataSource.query(`DELETE FROM trust_anchors WHERE authority_id = (SELECT id FROM authorities WHERE code = 'KH-NOANCHOR')`);
      const res = await verify(hub, reference(cert), { token });
      expect(res.body).toMatchObject({ verdict: 'UNKNOWN', reasons: ['NO_TRUST_ANCHOR'] });
    });
  });

  describe('what customs used, and copies received from partner hubs', () => {
    const use = (certificateId: string, reference: string, quantity: string) =>
      hub.dataSource.transaction((manager) =>
        hub.app.get(CertificateLedger).record(manager, { certificateId, source: CertificateUseSource.CUSTOMS_RESPONSE, reference, lines: [{ itemNumber: 1, quantity, unit: 'KGM' }], actor: 'authority:JP-CUSTOMS', at: new Date() }),
      );

    it('shows the remaining quantity from the ledger, and is INVALID with QUANTITY_EXHAUSTED once it is used up', async () => {
      const cert = await issue(hub, issuer);
      await use(cert.id, 'IDJP-0001', '20000');
      const partly = await verify(hub, reference(cert), { token: customsJp });
      expect(partly.body.verdict).toBe('VALID');
      expect(checkOf(partly.body, 'QUANTITY')).toMatchObject({ outcome: 'PASS', reason: 'QUANTITY_REMAINING', details: { items: [{ itemNumber: 1, unit: 'KGM', issued: '25000', used: '20000', remaining: '5000' }] } });
      await use(cert.id, 'IDJP-0002', '5000');
      const spent = await verify(hub, reference(cert), { token: customsJp });
      expect(spent.body).toMatchObject({ verdict: 'INVALID', reasons: ['QUANTITY_EXHAUSTED'] });
    });

    it('verifies a copy received from a partner hub like one issued here: its issuer\'s anchor, its import status, its page', async () => {
      const partnerNode = new PartnerNode(devNodeIdentity('KH verification partner node'));
      const foreign = new ForeignIssuer('KH-VMOC');
      await foreign.trustAt(hub);
      const partner = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'KH-VHUB', routes: [{ country: 'KH', authority: 'KH-VCUSTOMS' }], nodeCertificate: partnerNode.identity.certificatePem, outboundAuth: { type: 'NONE' } }));
      expect(partner.status).toBe(201);
      const document = issuedDocument(cambodiaToJapan(), 'KH-VMOC');
      const envelope = partnerNode.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-VMOC', to: 'JP-CUSTOMS', document, payload: foreign.payload(document) }));
      const ack = await hub.request('POST', '/v1/exchange/envelopes', { token: partner.body.inboundToken, body: envelope });
      expect(ack.body).toMatchObject({ status: 'DELIVERED' });
      const [copy] = await hub.dataSource.query(`SELECT id, origin, verification_token FROM certificates WHERE issuing_authority_code = 'KH-VMOC' AND certificate_number = $1`, [document.certificateNumber]);
      expect(copy).toMatchObject({ origin: 'RECEIVED', verification_token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });

      const res = await verify(hub, { issuingAuthority: 'KH-VMOC', certificateNumber: document.certificateNumber }, { token: customsJp });
      expect(res.body).toMatchObject({ verdict: 'VALID', scope: 'FULL', certificate: { id: copy.id, importStatus: 'RECEIVED' } });
      expect(checkOf(res.body, 'CHAIN')).toMatchObject({ outcome: 'PASS', reason: 'CHAIN_TRUSTED' });
      expect(checkOf(res.body, 'IMPORT_STATUS')).toMatchObject({ outcome: 'PASS', reason: 'IMPORT_RECEIVED' });
      // A partner's key: no CRL was published and the hub does not hold it.
      expect(checkOf(res.body, 'REVOCATION')).toMatchObject({ outcome: 'NOT_APPLICABLE', reason: 'NO_REVOCATION_DATA' });
      const page = await hub.request('GET', `/verify/${copy.verification_token}`, { headers: { 'x-forwarded-for': publicAddress() } });
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-verdict="VALID"');

      // The importing customs reject it: from then on it is INVALID for everyone.
      await hub.dataSource.query(`UPDATE certificates SET import_status = 'REJECTED' WHERE id = $1`, [copy.id]);
      expect((await verify(hub, { issuingAuthority: 'KH-VMOC', certificateNumber: document.certificateNumber }, { token: customsJp })).body).toMatchObject({ verdict: 'INVALID', reasons: ['IMPORT_REJECTED'] });
    });
  });

  describe('by document and signature, as received from anywhere', () => {
    it('is VALID for the genuine document, as JSON with base64 DER, as base64 bytes with PEM, or pretty-printed', async () => {
      const parts = await issueWithParts(hub, issuer);
      const document = JSON.parse(parts.document.toString('utf8'));
      const pem = `-----BEGIN CMS-----\n${parts.signature.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CMS-----\n`;
      for (const body of [
        { document, signature: parts.signature.toString('base64') },
        { documentBase64: parts.document.toString('base64'), signature: pem },
        { documentBase64: Buffer.from(JSON.stringify(document, null, 2)).toString('base64'), signature: parts.signature.toString('base64') },
      ]) {
        const res = await verify(hub, body, { token: customsJp });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ verdict: 'VALID', scope: 'FULL', certificate: { id: parts.certificate.id } });
      }
      const [logged] = await hub.dataSource.query(`SELECT method FROM verifications WHERE certificate_id = $1 LIMIT 1`, [parts.certificate.id]);
      expect(logged.method).toBe('DOCUMENT');
    });

    it('is INVALID for a tampered document (TAMPERED_DOCUMENT), and for a truncated or non-CMS signature (MALFORMED_CMS)', async () => {
      const parts = await issueWithParts(hub, issuer);
      const document = JSON.parse(parts.document.toString('utf8'));
      const tampered = { ...document, items: document.items.map((item: any) => ({ ...item, quantity: { value: '35000', unit: 'KGM' } })) };
      const res = await verify(hub, { document: tampered, signature: parts.signature.toString('base64') }, { token: customsJp });
      expect(res.body).toMatchObject({ verdict: 'INVALID', reasons: ['TAMPERED_DOCUMENT'] });
      expect(checkOf(res.body, 'SIGNATURE').outcome).toBe('PASS');

      for (const signature of [parts.signature.subarray(0, parts.signature.length - 50), Buffer.from('certainly not a CMS signature'), Buffer.alloc(0)]) {
        const bad = await verify(hub, { document, signature: signature.toString('base64') }, { token: customsJp });
        if (signature.length === 0) {
          expect(bad.status).toBe(422);
          continue;
        }
        expect(bad.status).toBe(200);
        expect(bad.body).toMatchObject({ verdict: 'INVALID', reasons: ['MALFORMED_CMS', 'NOT_VERIFIABLE'] });
      }
      // The public learns the verdict of a forgery too, nothing more.
      expect((await verify(hub, { document: tampered, signature: parts.signature.toString('base64') }, { from: publicAddress() })).body).toMatchObject({ verdict: 'INVALID', scope: 'PUBLIC' });
    });

    it('is INVALID with DOCUMENT_NOT_AS_ISSUED for other content under a real number, signed with the issuer\'s own key outside the hub', async () => {
      // The authority brings its own PKI, so the test holds the private key a rogue officer would.
      const pki = new ExternalPki('KH Rogue Desk');
      const token = await hub.authority('KH-OWNPKI', 'KH', ['ISSUER'], { signingKey: false });
      expect((await hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-OWNPKI', certificatePem: pki.root.certPem })).status).toBe(201);
      const key = pki.signingKey();
      expect((await hub.operator('POST', '/v1/pki/keys/pkcs12', { authority: 'KH-OWNPKI', pkcs12: pki.pkcs12(key, 'p12 secret').toString('base64'), password: 'p12 secret' })).status).toBe(201);
      const parts = await issueWithParts(hub, token);
      const genuine = JSON.parse(parts.document.toString('utf8'));
      const other = { ...genuine, items: genuine.items.map((item: any) => ({ ...item, quantity: { value: '99000', unit: 'KGM' } })) };
      const content = Buffer.from(canonicalJson(other), 'utf8');
      const signature = new CmsSigner({ signerCertDer: key.certDer, chainDer: [pki.issuing.certDer], privateKey: key.privateKey }).sign(content, new Date(parts.certificate.issueDateTime));

      const res = await verify(hub, { document: other, signature: signature.toString('base64') }, { token: customsJp });
      expect(res.body).toMatchObject({ verdict: 'INVALID', reasons: ['DOCUMENT_NOT_AS_ISSUED'] });
      expect(checkOf(res.body, 'INTEGRITY').details).toMatchObject({ issuedDocumentHash: parts.certificate.documentHash });
      expect(checkOf(res.body, 'SIGNATURE').outcome).toBe('PASS');
      expect(checkOf(res.body, 'CHAIN').outcome).toBe('PASS');
    });

    it('is UNKNOWN for a genuine signature over a document the hub does not hold', async () => {
      const parts = await issueWithParts(hub, issuer);
      const document = JSON.parse(parts.document.toString('utf8'));
      await hub.dataSource.query(`UPDATE certificates SET certificate_number = certificate_number || '-X' WHERE id = $1`, [parts.certificate.id]);
      const res = await verify(hub, { document, signature: parts.signature.toString('base64') }, { token: process.env.HUB_ADMIN_TOKEN });
      expect(res.body).toMatchObject({ verdict: 'UNKNOWN', reasons: ['CERTIFICATE_NOT_FOUND'], certificate: null });
      expect(checkOf(res.body, 'SIGNATURE')).toMatchObject({ outcome: 'PASS' });
      expect(checkOf(res.body, 'DATASET')).toMatchObject({ outcome: 'PASS' });
    });

    it('takes a multipart upload: the document file and a DER or PEM signature file', async () => {
      const parts = await issueWithParts(hub, issuer);
      const der = await verifyMultipart(hub, { document: parts.document, signature: parts.signature }, { token: customsJp });
      expect(der.status).toBe(200);
      expect(der.body).toMatchObject({ verdict: 'VALID', certificate: { id: parts.certificate.id } });
      const pem = `-----BEGIN PKCS7-----\n${parts.signature.toString('base64')}\n-----END PKCS7-----\n`;
      expect((await verifyMultipart(hub, { document: parts.document, signature: pem }, { from: publicAddress() })).body).toMatchObject({ verdict: 'VALID', scope: 'PUBLIC' });
    });
  });

  describe('bad input and abuse get a clear answer, never a 500', () => {
    it('413 problem+json for an upload over the limit, and for a JSON body over the body limit', async () => {
      const parts = await issueWithParts(hub, issuer);
      const huge = Buffer.concat([parts.document, Buffer.alloc(600 * 1024, 0x20)]);
      const res = await verifyMultipart(hub, { document: huge, signature: parts.signature }, { from: publicAddress() });
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      const big = await verify(hub, { documentBase64: Buffer.alloc(1024 * 1024).toString('base64'), signature: 'AAAA' }, { from: publicAddress() });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('422 listing every problem: no subject, both subjects, unknown fields, missing parts, unreadable signature, a document that is not JSON', async () => {
      const before = await hub.count('verifications');
      const cases: [unknown, string[]][] = [
        [{}, ['']],
        [{ issuingAuthority: 'KH-MOC', certificateNumber: 'N-1', signature: 'AAAA' }, ['']],
        [{ issuingAuthority: 'KH-MOC', certificateNumber: 'N-1', colour: 'blue' }, ['colour']],
        [{ document: { a: 1 }, signature: 'not base64 at all!' }, ['signature']],
        [{ documentBase64: Buffer.from('<certificate/>').toString('base64'), signature: 'AAAA' }, ['documentBase64']],
        [{ documentBase64: Buffer.from('[1,2,3]').toString('base64'), signature: 'AAAA' }, ['documentBase64']],
        [{ issuingAuthority: 'KH-MOC' }, ['certificateNumber']],
        [[1, 2], ['']],
      ];
      for (const [body, paths] of cases) {
        const res = await verify(hub, body, { from: publicAddress() });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.violations.map((v: any) => v.path)).toEqual(paths);
      }
      const notJson = await verify(hub, { documentBase64: Buffer.from('<certificate/>').toString('base64'), signature: 'AAAA' }, { from: publicAddress() });
      expect(notJson.body.violations[0]).toMatchObject({ ruleId: 'VERIFY-DOC-001', message: expect.stringContaining('not JSON') });
      const missing = await verifyMultipart(hub, { document: Buffer.from('{}') }, { from: publicAddress() });
      expect(missing.status).toBe(422);
      expect(missing.body.violations.map((v: any) => v.path)).toEqual(['signature']);
      const extra = await verifyMultipart(hub, { document: Buffer.from('{}'), signature: Buffer.from('AAAA'), photo: Buffer.from('x') }, { from: publicAddress() });
      expect(extra.body.violations.map((v: any) => v.path)).toEqual(['photo']);
      expect(await hub.count('verifications')).toBe(before);
    });

    it('400 for unparseable JSON, 415 for other media types, and multipart is refused on other routes', async () => {
      const broken = await hub.request('POST', '/v1/verifications', { rawBody: '{"issuingAuthority":', headers: { 'content-type': 'application/json', 'x-forwarded-for': publicAddress() } });
      expect(broken.status).toBe(400);
      expect(broken.body.code).toBe('MALFORMED_JSON');
      const cms = await hub.request('POST', '/v1/verifications', { rawBody: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]), headers: { 'content-type': 'application/pkcs7-signature', 'x-forwarded-for': publicAddress() } });
      expect(cms.status).toBe(415);
      const form = new FormData();
      form.append('code', 'KH-X');
      const elsewhere = await fetch(`${hub.baseUrl}/v1/authorities`, { method: 'POST', body: form, headers: { authorization: `Bearer ${process.env.HUB_ADMIN_TOKEN}` } });
      expect(elsewhere.status).toBe(415);
      expect(elsewhere.headers.get('content-type')).toContain('application/problem+json');
    });

    it('401 for a credential that is sent but unknown (a bad key is not the public)', async () => {
      const res = await verify(hub, { issuingAuthority: 'KH-MOC', certificateNumber: 'N-1' }, { token: 'ecoo_aaaaaaaaaaaa_' + 'b'.repeat(43) });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe("the issuer's statistics", () => {
    it('counts the verifications of its own certificates by verdict, method and scope, with the reasons', async () => {
      const token = await hub.authority('KH-STATS', 'KH', ['ISSUER']);
      const good = await issue(hub, token);
      const bad = await issue(hub, token);
      await hub.request('POST', `/v1/certificates/${bad.id}/cancel`, { token, body: { reason: 'wrong consignee' } });
      await verify(hub, reference(good), { token: customsJp });
      await verify(hub, reference(good), { from: publicAddress() });
      await verify(hub, reference(bad), { token: customsJp });
      await verify(hub, { issuingAuthority: 'KH-STATS', certificateNumber: 'NOT-ISSUED-1' }, { from: publicAddress() });

      const res = await hub.request('GET', '/v1/verifications/statistics', { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        issuingAuthority: 'KH-STATS',
        total: 4,
        byVerdict: { VALID: 2, INVALID: 1, UNKNOWN: 1 },
        byMethod: { REFERENCE: 4 },
        byScope: { FULL: 2, PUBLIC: 2 },
        topReasons: [
          { reason: 'CANCELLED', count: 1 },
          { reason: 'CERTIFICATE_NOT_FOUND', count: 1 },
        ],
      });
      expect((await hub.operator('GET', '/v1/verifications/statistics?authority=KH-STATS')).body.total).toBe(4);
      expect((await hub.request('GET', '/v1/verifications/statistics?authority=KH-MOC', { token })).status).toBe(403);
      expect((await hub.request('GET', '/v1/verifications/statistics', { token: customsJp })).status).toBe(403);
      expect((await hub.request('GET', '/v1/verifications/statistics?from=yesterday', { token })).status).toBe(422);
    });
  });
});
