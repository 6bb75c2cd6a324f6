import { cambodiaToJapan } from '../fixtures/certificates';
import { eventually } from '../support/exchange';
import { TestHub } from '../support/hub';

describe('certificates: create, issue, replace, cancel, duplicate, query', () => {
  let hub: TestHub;
  let issuer: string;
  let otherIssuer: string;
  let customsJp: string;
  let customsTh: string;
  let exporter: string;
  let consignee: string;
  let stranger: string;

  beforeAll(async () => {
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    otherIssuer = await hub.authority('KH-CCC', 'KH', ['ISSUER']);
    customsJp = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    customsTh = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
    exporter = await hub.trader('KH-TIN-1234567', 'KH');
    consignee = await hub.trader('JP-CN-1234567890123', 'JP');
    stranger = await hub.trader('KH-TIN-7654321', 'KH');
  });

  afterAll(async () => {
    await hub.close();
  });

  async function draft(overrides: Record<string, unknown> = {}): Promise<any> {
    const res = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan(overrides) });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function issued(overrides: Record<string, unknown> = {}): Promise<any> {
    const created = await draft(overrides);
    const res = await hub.request('POST', `/v1/certificates/${created.id}/issue`, { token: issuer });
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('the issuer lifecycle', () => {
    it('creates a DRAFT, replaces its content, and issues it with the versions it passed', async () => {
      const created = await draft();
      expect(created).toMatchObject({ status: 'DRAFT', issuingAuthority: 'KH-MOC', copyNumber: 0, documentFunction: 'ORIGINAL', issueDateTime: null });
      expect(created.document.items[0].hsCode).toBe('100630');

      const body = cambodiaToJapan({ certificateNumber: created.certificateNumber, remarks: 'Corrected marks' });
      const updated = await hub.request('PUT', `/v1/certificates/${created.id}`, { token: issuer, body });
      expect(updated.status).toBe(200);
      expect(updated.body.document.remarks).toBe('Corrected marks');

      const res = await hub.request('POST', `/v1/certificates/${created.id}/issue`, { token: issuer });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ISSUED', versions: { dataset: '1.1', profile: expect.stringMatching(/^RCEP@/), hs: 'HS2022' } });
      expect(res.body.documentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.document).toMatchObject({ issuingAuthority: 'KH-MOC', issueDateTime: res.body.issueDateTime, copyNumber: 0 });
      // RCEP Art 3.16.6: one year of validity from issue.
      expect(new Date(res.body.expiresAt).getTime() - new Date(res.body.issueDateTime).getTime()).toBe(365 * 24 * 3600 * 1000);

      const [row] = await hub.dataSource.query('SELECT canonical_document, document_hash FROM certificates WHERE id = $1', [created.id]);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(row.canonical_document).digest('hex')).toBe(row.document_hash);
      expect(JSON.parse(row.canonical_document.toString('utf8'))).toEqual(res.body.document);

      const again = await hub.request('PUT', `/v1/certificates/${created.id}`, { token: issuer, body });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'ISSUED' });

      // Japan's customs are served here: the local delivery adds RECEIVED once its job has run.
      const events = await eventually('the local delivery', () => hub.request('GET', `/v1/certificates/${created.id}/events`, { token: issuer }), (r) => r.body.length === 4);
      expect(events.body.map((e: any) => e.type)).toEqual(['CREATED', 'UPDATED', 'ISSUED', 'RECEIVED']);
    });

    it('answers GET with the document as stored, every character of it, to the issuer and to the importing customs', async () => {
      const remarks = 'Marks "KH\\01" — ข้าวหอมมะลิ 茉莉香米 \u00e9\u0301 😀';
      const cert = await issued({ remarks });
      for (const token of [issuer, customsJp]) {
        const res = await hub.request('GET', `/v1/certificates/${cert.id}`, { token });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.body.document).toEqual(cert.document);
        expect(res.body.document.remarks).toBe(remarks);
        // Every other member as the issue answered it, but what the local delivery changes meanwhile.
        const strip = ({ document: _document, importStatus: _importStatus, updatedAt: _updatedAt, ...rest }: any) => rest;
        expect(strip(res.body)).toEqual(strip(cert));
        expect(Object.keys(res.body).sort()).toEqual(Object.keys(cert).sort());
      }
    });

    it('cancels an issued certificate with a reason, once', async () => {
      const cert = await issued();
      const res = await hub.request('POST', `/v1/certificates/${cert.id}/cancel`, { token: issuer, body: { reason: 'Issued in error' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Issued in error' });
      const twice = await hub.request('POST', `/v1/certificates/${cert.id}/cancel`, { token: issuer, body: { reason: 'Issued in error' } });
      expect(twice.status).toBe(409);
      expect(twice.body.currentStatus).toBe('CANCELLED');
      const noReason = await hub.request('POST', `/v1/certificates/${(await issued()).id}/cancel`, { token: issuer, body: {} });
      expect(noReason.status).toBe(422);
      expect(noReason.body.violations[0].path).toBe('reason');
    });

    it('replaces an issued certificate: a new REPLACEMENT points at the original, which becomes REPLACED', async () => {
      const original = await issued();
      const body = cambodiaToJapan({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: original.certificateNumber });
      const res = await hub.request('POST', `/v1/certificates/${original.id}/replacement`, { token: issuer, body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'ISSUED', documentFunction: 'REPLACEMENT', replacesId: original.id });
      const after = await hub.request('GET', `/v1/certificates/${original.id}`, { token: issuer });
      expect(after.body).toMatchObject({ status: 'REPLACED', replacedById: res.body.id });

      const wrongReference = await hub.request('POST', `/v1/certificates/${res.body.id}/replacement`, {
        token: issuer,
        body: cambodiaToJapan({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: 'KH-OTHER-1' }),
      });
      expect(wrongReference.status).toBe(422);
      expect(wrongReference.body.violations.map((v: any) => v.path)).toContain('replacesCertificateNumber');
      const ofReplaced = await hub.request('POST', `/v1/certificates/${original.id}/replacement`, { token: issuer, body: cambodiaToJapan({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: original.certificateNumber }) });
      expect(ofReplaced.status).toBe(409);
    });

    it('issues certified true copies with the same number and the next copy number', async () => {
      const original = await issued();
      const first = await hub.request('POST', `/v1/certificates/${original.id}/duplicate`, { token: issuer, body: { reason: 'Original lost in transit' } });
      const second = await hub.request('POST', `/v1/certificates/${original.id}/duplicate`, { token: issuer, body: {} });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect([first.body.copyNumber, second.body.copyNumber]).toEqual([1, 2]);
      expect(first.body).toMatchObject({ certificateNumber: original.certificateNumber, documentFunction: 'DUPLICATE', status: 'ISSUED', expiresAt: original.expiresAt });
      expect(first.body.document).toMatchObject({ documentFunction: 'DUPLICATE', replacesCertificateNumber: original.certificateNumber, copyNumber: 1 });
      const ofCopy = await hub.request('POST', `/v1/certificates/${first.body.id}/duplicate`, { token: issuer, body: {} });
      expect(ofCopy.status).toBe(409);
      expect((await hub.request('GET', `/v1/certificates/${original.id}`, { token: issuer })).body.status).toBe('ISSUED');
    });

    it('expires issued certificates past their validity through the scheduled job', async () => {
      const cert = await issued();
      const keep = await issued();
      // Time passing: the validity ended a minute ago.
      await hub.dataSource.query(`UPDATE certificates SET expires_at = now() - interval '1 minute' WHERE id = $1`, [cert.id]);
      await hub.queues.enqueue('maintenance', 'expire-certificates', {});
      await hub.waitForQueues();
      expect((await hub.request('GET', `/v1/certificates/${cert.id}`, { token: issuer })).body.status).toBe('EXPIRED');
      expect((await hub.request('GET', `/v1/certificates/${keep.id}`, { token: issuer })).body.status).toBe('ISSUED');
      const events = await hub.request('GET', `/v1/certificates/${cert.id}/events`, { token: issuer });
      expect(events.body.at(-1)).toMatchObject({ type: 'EXPIRED', actor: 'system:expiry', fromStatus: 'ISSUED', toStatus: 'EXPIRED' });
    });
  });

  describe('who sees what', () => {
    it('shows a draft to its issuer alone and an issued certificate to the importing customs and its traders', async () => {
      const cert = await draft();
      for (const token of [customsJp, exporter, consignee, otherIssuer, customsTh, stranger]) {
        const res = await hub.request('GET', `/v1/certificates/${cert.id}`, { token });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('CERTIFICATE_NOT_FOUND');
      }
      await hub.request('POST', `/v1/certificates/${cert.id}/issue`, { token: issuer });
      for (const token of [issuer, customsJp, exporter, consignee]) {
        expect((await hub.request('GET', `/v1/certificates/${cert.id}`, { token })).status).toBe(200);
      }
      for (const token of [otherIssuer, customsTh, stranger]) {
        expect((await hub.request('GET', `/v1/certificates/${cert.id}`, { token })).status).toBe(404);
      }
    });

    it('lets no one but the issuer change a certificate: other issuers get 404, other roles 403', async () => {
      const cert = await draft();
      expect((await hub.request('POST', `/v1/certificates/${cert.id}/issue`, { token: otherIssuer })).status).toBe(404);
      expect((await hub.request('POST', `/v1/certificates/${cert.id}/issue`, { token: customsJp })).status).toBe(403);
      expect((await hub.request('POST', `/v1/certificates/${cert.id}/issue`, { token: exporter })).status).toBe(403);
      expect((await hub.request('POST', '/v1/certificates', { token: customsJp, body: cambodiaToJapan() })).status).toBe(403);
      expect((await hub.request('GET', `/v1/certificates/${cert.id}`, { token: issuer })).body.status).toBe('DRAFT');
    });

    it('refuses to issue for exports from another country', async () => {
      const res = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan({ exportCountry: 'TH' }) });
      expect(res.status).toBe(422);
      expect(res.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'CO-EXP-001', path: 'exportCountry' })]));
    });

    it('lists only visible certificates, filtered and paginated by cursor', async () => {
      const ucr = '6KH1234567-LISTTEST01';
      const mine = [await issued({ ucr }), await issued({ ucr }), await issued({ ucr })];
      await draft({ ucr });
      const page1 = await hub.request('GET', `/v1/certificates?ucr=${ucr}&limit=2`, { token: customsJp });
      expect(page1.status).toBe(200);
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await hub.request('GET', `/v1/certificates?ucr=${ucr}&limit=2&cursor=${page1.body.nextCursor}`, { token: customsJp });
      expect(page2.body.items).toHaveLength(1);
      expect(page2.body.nextCursor).toBeNull();
      const seen = [...page1.body.items, ...page2.body.items].map((c: any) => c.id).sort();
      expect(seen).toEqual(mine.map((c) => c.id).sort());

      const issuerView = await hub.request('GET', `/v1/certificates?ucr=${ucr}&status=DRAFT`, { token: issuer });
      expect(issuerView.body.items).toHaveLength(1);
      expect((await hub.request('GET', `/v1/certificates?ucr=${ucr}`, { token: customsTh })).body.items).toHaveLength(0);
      expect((await hub.request('GET', `/v1/certificates?ucr=${ucr}`, { token: stranger })).body.items).toHaveLength(0);
      expect((await hub.request('GET', `/v1/certificates?ucr=${ucr}&exporter=KH-TIN-1234567`, { token: consignee })).body.items).toHaveLength(3);
    });

    it('refuses bad query strings and forged cursors with 422', async () => {
      const res = await hub.request('GET', '/v1/certificates?limit=0&status=LOST&importCountry=jp&colour=red', { token: issuer });
      expect(res.status).toBe(422);
      expect(res.body.violations.map((v: any) => v.path).sort()).toEqual(['colour', 'importCountry', 'limit', 'status']);
      const cursor = await hub.request('GET', `/v1/certificates?cursor=${Buffer.from('["x","y"]').toString('base64url')}`, { token: issuer });
      expect(cursor.status).toBe(422);
      expect(cursor.body.code).toBe('INVALID_CURSOR');
    });

    it('audits every read by anyone but the issuer', async () => {
      const cert = await issued();
      const before = await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_READ'`, [cert.id]);
      await hub.request('GET', `/v1/certificates/${cert.id}`, { token: issuer });
      expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_READ'`, [cert.id])).toBe(before);
      await hub.request('GET', `/v1/certificates/${cert.id}`, { token: customsJp });
      await hub.request('GET', `/v1/certificates/${cert.id}/events`, { token: consignee });
      const rows = await hub.dataSource.query(`SELECT actor FROM audit_log WHERE entity_id = $1 AND action = 'CERTIFICATE_READ' ORDER BY arrival_no`, [cert.id]);
      expect(rows.map((r: any) => r.actor)).toEqual(['authority:JP-CUSTOMS', 'trader:JP-CN-1234567890123']);
    });
  });

  describe('bad input is answered as problem+json and changes nothing', () => {
    async function certificateCount(): Promise<number> {
      return hub.count('certificates');
    }

    it('reports every shape violation at once with its JSON path, unknown fields and wrong types included', async () => {
      const before = await certificateCount();
      const body = cambodiaToJapan();
      (body.items as any[])[0].grossWeight = { value: 25250, unit: 'KGM' };
      (body.items as any[])[0].hsCode = '10063';
      (body.exporter as any).address.country = 'XX';
      (body as any).issuingAuthority = 'KH-MOC';
      (body as any).transport.modeCode = 'Z';
      const res = await hub.request('POST', '/v1/certificates', { token: issuer, body });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const paths = res.body.violations.map((v: any) => v.path);
      expect(paths).toEqual(expect.arrayContaining(['items[0].grossWeight.value', 'items[0].hsCode', 'exporter.address.country', 'issuingAuthority', 'transport.modeCode']));
      expect(await certificateCount()).toBe(before);
    });

    it.each([
      ['preferential without agreement', { agreement: undefined }, 'CO-PREF-001', 'agreement'],
      ['preferential without invoices', { invoices: [] }, 'CO-PREF-002', 'invoices'],
      ['an importing country outside the agreement', { importCountry: 'US', consignee: { id: 'US-EIN-12-3456789', name: 'x', address: { line1: 'a', city: 'b', country: 'US' } } }, 'CO-AGR-003', 'importCountry'],
      ['an unknown HS subheading', { items: [{ ...(cambodiaToJapan().items as any[])[0], hsCode: '100699' }] }, 'CO-HS-001', 'items[0].hsCode'],
      ['a criterion the agreement does not allow', { items: [{ ...(cambodiaToJapan().items as any[])[0], originCriterion: 'RVC99' }] }, 'CO-ORIG-001', 'items[0].originCriterion'],
      ['an RVC criterion without FOB value', { items: [{ ...(cambodiaToJapan().items as any[])[0], originCriterion: 'RVC40', fobValue: undefined }] }, 'CO-ORIG-002', 'items[0].fobValue'],
      ['an item invoice that names no header invoice', { items: [{ ...(cambodiaToJapan().items as any[])[0], invoiceNumber: 'NOPE-1' }] }, 'CO-ITEM-003', 'items[0].invoiceNumber'],
      ['a malformed UCR', { ucr: '6kh/123:abc' }, 'CO-UCR-001', 'ucr'],
      ['a shipment long before issue without the retroactive flag', { transport: { departureDate: '2025-01-02', modeCode: '1', loadingPort: 'KHKOS', dischargePort: 'JPOSA' }, invoices: [{ number: 'CFF-26-0512-01', date: '2025-01-01' }] }, 'CO-RETRO-003', 'transport.departureDate'],
    ])('422 for %s', async (_name, overrides, ruleId, path) => {
      const before = await certificateCount();
      const res = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan(overrides) });
      expect(res.status).toBe(422);
      expect(res.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId, path, severity: 'error' })]));
      expect(await certificateCount()).toBe(before);
    });

    it('returns warnings with the 201', async () => {
      const body = cambodiaToJapan({ consignee: { id: 'JP-CN-1234567890123', name: 'Osaka Grain Trading K.K.', address: { line1: 'Jurong', city: 'Singapore', country: 'SG' } } });
      const res = await hub.request('POST', '/v1/certificates', { token: issuer, body });
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([expect.objectContaining({ ruleId: 'CO-PARTY-003', severity: 'warning', path: 'consignee.address.country' })]);
    });

    it('answers 400, 413 and 415 for bodies that cannot be read', async () => {
      const before = await certificateCount();
      expect((await hub.request('POST', '/v1/certificates', { token: issuer, rawBody: '{"certificateNumber":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
      expect((await hub.request('POST', '/v1/certificates', { token: issuer, rawBody: 'x', headers: { 'content-type': 'application/xml' } })).status).toBe(415);
      const huge = cambodiaToJapan({ remarks: 'r'.repeat(2 * 1024 * 1024) });
      expect((await hub.request('POST', '/v1/certificates', { token: issuer, body: huge })).status).toBe(413);
      expect((await hub.request('POST', '/v1/certificates', { token: issuer, rawBody: '[1,2]', headers: { 'content-type': 'application/json' } })).status).toBe(422);
      expect(await certificateCount()).toBe(before);
    });

    it('answers 409 to a second certificate with the same number, also when ten arrive at once', async () => {
      const body = cambodiaToJapan();
      const answers = await Promise.all(Array.from({ length: 10 }, () => hub.request('POST', '/v1/certificates', { token: issuer, body })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      expect(answers.find((a) => a.status === 409)!.body.code).toBe('CERTIFICATE_NUMBER_TAKEN');
      expect(await hub.count('certificates', 'certificate_number = $1', [body.certificateNumber])).toBe(1);
      // Another authority may use the same number.
      expect((await hub.request('POST', '/v1/certificates', { token: otherIssuer, body })).status).toBe(201);
    });

    it('lets only one of ten concurrent issues of a draft win', async () => {
      const cert = await draft();
      const answers = await Promise.all(Array.from({ length: 10 }, () => hub.request('POST', `/v1/certificates/${cert.id}/issue`, { token: issuer })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
      expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'ISSUED'`, [cert.id])).toBe(1);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first answer for the same key and body, 422 for another body, and scopes keys per caller', async () => {
      const body = cambodiaToJapan();
      const headers = { 'idempotency-key': `create-${body.certificateNumber}` };
      const first = await hub.request('POST', '/v1/certificates', { token: issuer, body, headers });
      const replay = await hub.request('POST', '/v1/certificates', { token: issuer, body, headers });
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.body.id).toBe(first.body.id);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await hub.count('certificates', 'certificate_number = $1', [body.certificateNumber])).toBe(1);

      const other = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan(), headers });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

      const otherCaller = await hub.request('POST', '/v1/certificates', { token: otherIssuer, body, headers });
      expect(otherCaller.status).toBe(201);
      expect(otherCaller.body.id).not.toBe(first.body.id);
    });

    it('answers 409 while a request with the key is still in flight', async () => {
      const body = cambodiaToJapan();
      const key = `inflight-${body.certificateNumber}`;
      const { createHash } = await import('node:crypto');
      const { canonicalize } = await import('json-canonicalize');
      const hash = createHash('sha256').update(`POST /v1/certificates\n${canonicalize(body)}`).digest('hex');
      await hub.dataSource.query('INSERT INTO idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3)', ['authority:KH-MOC', key, hash]);
      const res = await hub.request('POST', '/v1/certificates', { token: issuer, body, headers: { 'idempotency-key': key } });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('IDEMPOTENCY_IN_FLIGHT');
      expect(await hub.count('certificates', 'certificate_number = $1', [body.certificateNumber])).toBe(0);
    });
  });
});
