import { TestHub } from '../support/hub';
import { ImportingSide, declarationFor, line } from '../support/matching';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

// Japan's customs declare imports of Cambodian rice; the certificates came from Cambodia's hub.
describe('matching: import declarations against the certificates received', () => {
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let japan: ImportingSide;
  let thaiCustoms: string;

  beforeAll(async () => {
    own = await useOwnDatabase('matching_declarations');
    hub = await TestHub.start({ withWorkers: false });
    japan = await new ImportingSide(hub).prepare();
    thaiCustoms = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const declare = (body: unknown, token = japan.customs) => hub.request('POST', '/v1/import-declarations', { token, body });
  const uses = (certificateId: string) => hub.dataSource.query(`SELECT item_number, trim_scale(quantity)::text AS quantity, unit, source, reference FROM certificate_uses WHERE certificate_id = $1`, [certificateId]);

  it('matches a declaration in tonnes with a certificate in kilograms, and records the use in its ledger in the same transaction', async () => {
    const { document, id } = await japan.receive();
    const body = declarationFor(document);
    const res = await declare(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      declarationNumber: body.declarationNumber,
      customsAuthority: 'JP-CUSTOMS',
      importCountry: 'JP',
      match: {
        status: 'MATCHED',
        certificate: { id, certificateNumber: document.certificateNumber, issuingAuthority: 'KH-MOC', copyNumber: 0 },
        fields: [],
        lines: [{ lineNumber: 1, certificateItemNumber: 1, status: 'MATCHED', issues: [] }],
        useRecorded: true,
        uses: [{ itemNumber: 1, quantity: '25000', unit: 'KGM' }],
      },
    });
    expect(await uses(id)).toEqual([{ item_number: 1, quantity: '25000', unit: 'KGM', source: 'IMPORT_DECLARATION', reference: body.declarationNumber }]);
    expect(await hub.count('audit_log', `action = 'IMPORT_DECLARATION_RECORDED' AND entity_id = $1`, [res.body.id])).toBe(1);
    expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'USE_RECORDED'`, [id])).toBe(1);

    const stored = await hub.request('GET', `/v1/import-declarations/${res.body.id}`, { token: japan.customs });
    expect(stored.status).toBe(200);
    expect(stored.body.match.status).toBe('MATCHED');
    expect((await hub.request('GET', `/v1/import-declarations/${res.body.id}`, { token: thaiCustoms })).status).toBe(404);
  });

  it('stores an over-claim as PARTIAL ("quantity exceeds remaining") and records nothing: a used-up certificate cannot be claimed again', async () => {
    const { document, id } = await japan.receive();
    expect((await declare(declarationFor(document, { lines: [line({ quantity: { value: '21000', unit: 'KGM' } })] }))).body.match.status).toBe('MATCHED');
    const over = await declare(declarationFor(document, { lines: [line({ quantity: { value: '7000', unit: 'KGM' } })] }));
    expect(over.status).toBe(201);
    expect(over.body.match).toMatchObject({
      status: 'PARTIAL',
      useRecorded: false,
      uses: [],
      lines: [{ lineNumber: 1, status: 'PARTIAL', issues: [{ field: 'quantity', code: 'QUANTITY_EXCEEDS_REMAINING', message: 'item 1: 7000 KGM declared, quantity exceeds remaining: 4000 KGM remains of 25000 KGM' }] }],
    });
    expect(await hub.count('import_declarations', 'id = $1', [over.body.id])).toBe(1);
    expect((await declare(declarationFor(document, { lines: [line({ quantity: { value: '4000', unit: 'KGM' } })] }))).body.match.status).toBe('MATCHED');
    const again = await declare(declarationFor(document, { lines: [line({ quantity: { value: '1', unit: 'KGM' } })] }));
    expect(again.body.match.lines[0].issues.map((i: { code: string }) => i.code)).toEqual(['QUANTITY_EXCEEDS_REMAINING']);
    expect((await uses(id)).map((u: { quantity: string }) => u.quantity).sort()).toEqual(['21000', '4000']);
  });

  it('lets concurrent claims take only what remains: the others are PARTIAL and nothing is over-claimed', async () => {
    const { document, id } = await japan.receive();
    const answers = await Promise.all(Array.from({ length: 5 }, () => declare(declarationFor(document, { lines: [line({ quantity: { value: '7', unit: 'TNE' } })] }))));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    const statuses = answers.map((a) => a.body.match.status).sort();
    expect(statuses).toEqual(['MATCHED', 'MATCHED', 'MATCHED', 'PARTIAL', 'PARTIAL']);
    const [{ used }] = await hub.dataSource.query(`SELECT trim_scale(sum(quantity))::text AS used FROM certificate_uses WHERE certificate_id = $1`, [id]);
    expect(used).toBe('21000');
  });

  it('names the fields and lines that differ: consignee, origin, units that cannot be compared', async () => {
    const { document } = await japan.receive();
    const res = await declare(
      declarationFor(document, {
        consignee: { id: 'JP-CN-9999999999999', name: 'Someone Else K.K.' },
        lines: [line({ lineNumber: 1, originCountry: 'VN' }), line({ lineNumber: 2, quantity: { value: '100', unit: 'LTR' } })],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.match.status).toBe('PARTIAL');
    expect(res.body.match.fields).toEqual([{ field: 'consignee.id', code: 'CONSIGNEE_DIFFERS', message: `declared consignee JP-CN-9999999999999, the certificate names JP-CN-1234567890123` }]);
    expect(res.body.match.lines.map((l: { lineNumber: number; issues: { code: string }[] }) => [l.lineNumber, l.issues.map((i) => i.code)])).toEqual([
      [1, ['ORIGIN_DIFFERS']],
      [2, ['UNITS_NOT_COMPARABLE']],
    ]);
    expect(res.body.match.lines[1].issues[0].message).toBe('declared in LTR (litre), item 1 is stated in KGM (kilogram): the two cannot be converted');
    expect(res.body.match.useRecorded).toBe(false);
  });

  it('judges the certificate as it stood on the declaration date: cancelled by then is PARTIAL', async () => {
    const { document, id } = await japan.receive();
    await japan.cancel(document);
    const res = await declare(declarationFor(document));
    expect(res.body.match).toMatchObject({ status: 'PARTIAL', fields: [{ field: 'certificate', code: 'CANCELLED_ON_DATE' }], useRecorded: false });
    expect(await hub.count('certificate_uses', 'certificate_id = $1', [id])).toBe(0);
  });

  it("judges the importing customs' own state too: a certificate they rejected is PARTIAL", async () => {
    const { document, id } = await japan.receive();
    const rejected = await hub.request('POST', `/v1/certificates/${id}/customs-responses`, { token: japan.customs, body: { decision: 'REJECT', reason: 'Consignee is not the importer of record' } });
    expect(rejected.status).toBe(201);
    const res = await declare(declarationFor(document));
    expect(res.body.match).toMatchObject({ status: 'PARTIAL', fields: [{ field: 'importStatus', code: 'IMPORT_REJECTED' }], useRecorded: false });
  });

  it('stores a declaration whose UCR no received certificate bears as UNMATCHED', async () => {
    const res = await declare(declarationFor({ ucr: '6KH1234567-NOSUCHREF' }, { certificateNumber: undefined }));
    expect(res.status).toBe(201);
    expect(res.body.match).toMatchObject({
      status: 'UNMATCHED',
      certificate: null,
      fields: [{ field: 'ucr', code: 'NO_CERTIFICATE' }],
      lines: [{ lineNumber: 1, status: 'UNMATCHED', certificateItemNumber: null }],
      useRecorded: false,
    });
    const listed = await hub.request('GET', '/v1/import-declarations?status=UNMATCHED', { token: japan.customs });
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain(res.body.id);
  });

  describe('bad input: a clear 4xx, and nothing stored', () => {
    let before: number;
    beforeEach(async () => {
      before = await hub.count('import_declarations');
    });
    afterEach(async () => {
      expect(await hub.count('import_declarations')).toBe(before);
    });

    it('422 for a malformed UCR, with the certificate rule CO-UCR-001', async () => {
      const { document } = await japan.receive();
      const res = await declare(declarationFor(document, { ucr: '6kh1234567/rice' }));
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.violations).toEqual([expect.objectContaining({ ruleId: 'CO-UCR-001', path: 'ucr' })]);
    });

    it('422 CERTIFICATE_NOT_RECEIVED for an unknown certificate and, alike, for one another customs received', async () => {
      const unknown = await declare(declarationFor({ ucr: '6KH1234567-X1', certificateNumber: 'KH-RCEP-NOSUCH' }));
      expect(unknown.status).toBe(422);
      expect(unknown.body).toMatchObject({ code: 'CERTIFICATE_NOT_RECEIVED', violations: [{ ruleId: 'MATCH-CERT-001', path: 'certificateNumber' }] });
      const { document } = await japan.receive();
      const foreign = await declare(declarationFor(document), thaiCustoms);
      expect(foreign.status).toBe(422);
      expect(foreign.body.code).toBe('CERTIFICATE_NOT_RECEIVED');
      expect(foreign.body.violations).toEqual(unknown.body.violations);
    });

    it('422 for a unit Recommendation 20 does not know, and for a number where a decimal string belongs', async () => {
      const { document } = await japan.receive();
      const res = await declare(declarationFor(document, { lines: [line({ quantity: { value: 25000, unit: 'KGX' } })] }));
      expect(res.status).toBe(422);
      expect(res.body.violations.map((v: { path: string }) => v.path).sort()).toEqual(['lines[0].quantity.unit', 'lines[0].quantity.value']);
    });

    it('422 listing every problem of a declaration that cannot be matched', async () => {
      const res = await declare({ ...declarationFor({}), ucr: undefined, certificateNumber: undefined, agreement: undefined, declarationDate: '2999-01-01', lines: [line(), line()] });
      expect(res.status).toBe(422);
      expect(res.body.violations.map((v: { ruleId: string }) => v.ruleId)).toEqual(['MATCH-KEY-001', 'MATCH-PREF-001', 'MATCH-DATE-001', 'MATCH-LINE-001']);
    });

    it('409 for a declaration number the customs authority used before', async () => {
      const { document } = await japan.receive();
      const body = declarationFor(document, { lines: [line({ quantity: { value: '1000', unit: 'KGM' } })] });
      expect((await declare(body)).status).toBe(201);
      before += 1;
      const again = await declare({ ...body, lines: [line({ quantity: { value: '2000', unit: 'KGM' } })] });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DECLARATION_EXISTS');
    });

    it('stores nothing when the ledger refuses the use: the declaration, its result and its use commit together', async () => {
      const kansai = await hub.authority('JP-CUSTOMS-KIX', 'JP', ['CUSTOMS']);
      const { document, id } = await japan.receive();
      const body = declarationFor(document, { lines: [line({ quantity: { value: '1000', unit: 'KGM' } })] });
      expect((await declare(body)).status).toBe(201);
      before += 1;
      // Another customs office of the country claims the same certificate under the same number.
      const clash = await declare({ ...body, lines: [line({ quantity: { value: '2000', unit: 'KGM' } })] }, kansai);
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('USE_REFERENCE_REUSED');
      expect(await hub.count('import_declarations', `customs_authority_code = 'JP-CUSTOMS-KIX'`)).toBe(0);
      expect(await hub.count('audit_log', `action = 'IMPORT_DECLARATION_RECORDED' AND actor = 'authority:JP-CUSTOMS-KIX'`)).toBe(0);
      expect(await uses(id)).toHaveLength(1);
    });

    it('403 for a trader, 401 without a credential', async () => {
      const { document } = await japan.receive();
      expect((await declare(declarationFor(document), japan.consignee)).status).toBe(403);
      expect((await hub.request('POST', '/v1/import-declarations', { body: declarationFor(document) })).status).toBe(401);
    });
  });

  describe('prefill: "your export is my entry"', () => {
    it('gives the importing customs and the consignee the declaration fields the certificate answers, and audits the read', async () => {
      const { document, id } = await japan.receive();
      const res = await hub.request('GET', `/v1/import-declarations/prefill?ucr=${document.ucr}`, { token: japan.customs });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        certificate: { id, certificateNumber: document.certificateNumber, issuingAuthority: 'KH-MOC', status: 'ISSUED', importStatus: 'RECEIVED', agreement: 'RCEP', receivedFrom: 'KH-HUB' },
        declaration: {
          ucr: document.ucr,
          certificateNumber: document.certificateNumber,
          issuingAuthority: 'KH-MOC',
          agreement: 'RCEP',
          consignee: { id: 'JP-CN-1234567890123' },
          lines: [{ lineNumber: 1, certificateItemNumber: 1, hsCode: '100630', originCountry: 'KH', quantity: { value: '25000', unit: 'KGM' }, preferenceClaimed: true }],
        },
        supplier: { id: 'KH-TIN-1234567' },
        exportCountry: 'KH',
        items: [{ itemNumber: 1, originCriterion: 'WO', remaining: { value: '25000', unit: 'KGM' } }],
        otherCertificates: [],
      });
      expect(res.body.items[0].fobValue).toEqual(document.items[0].fobValue ?? null);
      expect(await hub.count('audit_log', `action = 'IMPORT_DECLARATION_PREFILLED' AND entity_id = $1 AND actor = 'authority:JP-CUSTOMS'`, [id])).toBe(1);

      // The prefill, completed with a number and a date, is a declaration that matches.
      const posted = await hub.request('POST', '/v1/import-declarations', { token: japan.customs, body: { ...res.body.declaration, declarationNumber: `JP-PF-${id.slice(0, 8)}`, declarationDate: new Date().toISOString().slice(0, 10) } });
      expect(posted.body.match.status).toBe('MATCHED');

      const byNumber = await hub.request('GET', `/v1/import-declarations/prefill?certificateNumber=${document.certificateNumber}`, { token: japan.consignee });
      expect(byNumber.status).toBe(200);
      expect(byNumber.body.items[0].remaining).toEqual({ value: '0', unit: 'KGM' });
      expect(await hub.count('audit_log', `action = 'IMPORT_DECLARATION_PREFILLED' AND entity_id = $1 AND actor = 'trader:JP-CN-1234567890123'`, [id])).toBe(1);
    });

    it('is 404 for anyone else with access to prefill, 403 for a role that never prefills, 422 for a malformed UCR', async () => {
      const { document } = await japan.receive();
      const otherTrader = await hub.trader('JP-CN-5555555555555', 'JP');
      const path = `/v1/import-declarations/prefill?ucr=${document.ucr}`;
      expect((await hub.request('GET', path, { token: otherTrader })).status).toBe(404);
      const foreign = await hub.request('GET', path, { token: thaiCustoms });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('NOTHING_TO_PREFILL');
      const unknown = await hub.request('GET', '/v1/import-declarations/prefill?ucr=6KH1234567-NOBODY', { token: japan.customs });
      expect(unknown.body).toEqual({ ...foreign.body, instance: unknown.body.instance, requestId: unknown.body.requestId });
      const issuer = await hub.authority('JP-MOC', 'JP', ['ISSUER'], { signingKey: false });
      expect((await hub.request('GET', path, { token: issuer })).status).toBe(403);
      expect((await hub.operator('GET', path)).status).toBe(403);
      const malformed = await hub.request('GET', '/v1/import-declarations/prefill?ucr=not-a-ucr', { token: japan.customs });
      expect(malformed.status).toBe(422);
      expect(malformed.body.violations[0]).toMatchObject({ ruleId: 'CO-UCR-001', path: 'ucr' });
    });
  });
});
