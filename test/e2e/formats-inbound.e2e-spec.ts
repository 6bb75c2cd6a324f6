import { datasetToEdi3 } from '../../src/dataset/formats/domain/edi3-certificate';
import { datasetToUbl, type IssuedDocument } from '../../src/dataset/formats/domain/ubl-certificate';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';

const UBL = 'application/vnd.ecoo.ubl+xml';
const EDI3 = 'application/vnd.ecoo.edi3+json';

// Formats in: an authority issues by posting UBL 2.4 or edi3 JSON to POST /v1/certificates; the
// document is checked against its schema first, then the dataset rules, every problem named by its
// path in the document as sent.
describe('formats: an authority creates and issues certificates by posting UBL or edi3 JSON', () => {
  let hub: TestHub;
  let issuer: string;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
  });

  afterAll(async () => {
    await hub.close();
  });

  function post(body: string, type: string, headers: Record<string, string> = {}) {
    return hub.request('POST', '/v1/certificates', { token: issuer, rawBody: body, headers: { 'content-type': type, ...headers } });
  }

  const ubl = (overrides: Record<string, unknown> = {}, fixture = cambodiaToJapan(overrides)) => datasetToUbl(fixture as unknown as IssuedDocument);
  const edi3 = (overrides: Record<string, unknown> = {}, fixture = cambodiaToJapan(overrides)) => JSON.stringify(datasetToEdi3(fixture as unknown as IssuedDocument));

  it.each([
    ['UBL', UBL, ubl],
    ['edi3', EDI3, edi3],
  ])('%s: created as a draft holding the same dataset as the JSON body would, then issued', async (_name, type, render) => {
    const number = `KH-RCEP-2026-${type === UBL ? 'U' : 'E'}00001`;
    const fixture = cambodiaToJapan({ certificateNumber: number });
    const res = await post(render({}, fixture), type);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'DRAFT', certificateNumber: number, issuingAuthority: 'KH-MOC' });
    const issued = await hub.request('POST', `/v1/certificates/${res.body.id}/issue`, { token: issuer });
    expect(issued.status).toBe(200);
    const record = (await hub.request('GET', `/v1/certificates/${res.body.id}/document`, { token: issuer })).body as Record<string, unknown>;
    const { issuingAuthority, issueDateTime, ...content } = record;
    expect([issuingAuthority, typeof issueDateTime]).toEqual(['KH-MOC', 'string']);
    // What the JSON body would have become: the HS code normalised (NNNN.NN -> NNNNNN), copy number 0.
    const expected = JSON.parse(JSON.stringify(fixture));
    expected.items = expected.items.map((item: { hsCode: string }) => ({ ...item, hsCode: item.hsCode.replace('.', '') }));
    expect(content).toEqual({ ...expected, copyNumber: 0 });
  });

  it('UBL that breaks the schema: 422 with every schema problem, nothing created', async () => {
    const before = await hub.count('certificates', 'certificate_number = $1', ['KH-RCEP-2026-U00002']);
    const res = await post(ubl({ certificateNumber: 'KH-RCEP-2026-U00002' }).replace('<cbc:UBLVersionID>', '<cbc:Bogus>1</cbc:Bogus><cbc:UBLVersionID>'), UBL);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.violations).toEqual([{ ruleId: 'FORMAT-UBL-XSD', severity: 'error', path: 'line 1', message: expect.stringContaining('Bogus') }]);
    expect(await hub.count('certificates', 'certificate_number = $1', ['KH-RCEP-2026-U00002'])).toBe(before);
  });

  it('UBL that breaks the dataset rules: 422, each problem at its XPath in the UBL sent', async () => {
    const items = cambodiaToJapan().items as Array<Record<string, unknown>>;
    // The shape first (a country that is not ISO 3166), then the rules (an HS chapter that does not exist).
    const shape = await post(ubl({ certificateNumber: 'KH-RCEP-2026-U00003', importCountry: 'XX' }), UBL);
    expect(shape.status).toBe(422);
    expect(shape.body.violations.map((violation: { path: string }) => violation.path)).toContain(
      '/coo:CertificateOfOrigin/cac:CertificateOfOriginApplication/cac:Shipment/cac:Consignment/cac:FinalDestinationCountry/cbc:IdentificationCode',
    );
    const rules = await post(ubl({ certificateNumber: 'KH-RCEP-2026-U00004', items: [{ ...items[0], hsCode: '990000' }] }), UBL);
    expect(rules.status).toBe(422);
    expect(rules.body.violations.map((violation: { path: string }) => violation.path)).toContain(
      '/coo:CertificateOfOrigin/cac:CertificateOfOriginApplication/cac:Shipment/cac:GoodsItem[1]/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode',
    );
  });

  it('edi3 that breaks its schema or the rules: 422 with JSON paths in the edi3 sent', async () => {
    const broken = JSON.parse(edi3({ certificateNumber: 'KH-RCEP-2026-E00002' }));
    broken.isPreferential = 'yes';
    broken.unknownField = 1;
    const schema = await post(JSON.stringify(broken), EDI3);
    expect(schema.status).toBe(422);
    expect(schema.body.violations).toEqual(
      expect.arrayContaining([
        { ruleId: 'FORMAT-EDI3-SCHEMA', severity: 'error', path: 'unknownField', message: 'is not a property of the edi3 Certificate of Origin' },
        { ruleId: 'FORMAT-EDI3-SCHEMA', severity: 'error', path: 'isPreferential', message: 'must be boolean' },
      ]),
    );
    const rules = await post(edi3({ certificateNumber: 'KH-RCEP-2026-E00003', importCountry: 'XX' }), EDI3);
    expect(rules.status).toBe(422);
    expect(rules.body.violations.map((violation: { path: string }) => violation.path)).toContain('supplyChainConsignment.importCountry.code');
    expect((await post('{"iD": ', EDI3)).status).toBe(422);
  });

  it('hostile XML is refused (422) before anything reads it: external entity, billion laughs', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${ubl().replace('<?xml version="1.0" encoding="UTF-8"?>', '').replace('<cbc:ID>KH', '<cbc:ID>&x;KH')}`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('')}]><lolz>&l9;</lolz>`;
    for (const body of [xxe, laughs]) {
      const res = await post(body, UBL);
      expect(res.status).toBe(422);
      expect(res.body.violations[0]).toMatchObject({ ruleId: 'FORMAT-XML', message: expect.stringContaining('DOCTYPE') });
    }
  });

  it('Idempotency-Key compares the bytes received: the same bytes replay the first answer, other bytes are refused', async () => {
    const body = ubl({ certificateNumber: 'KH-RCEP-2026-U00009' });
    const first = await post(body, UBL, { 'idempotency-key': 'ubl-once-0009' });
    const again = await post(body, UBL, { 'idempotency-key': 'ubl-once-0009' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    // The same document with one insignificant space more: other bytes, so another request.
    const other = await post(body.replace('<cbc:ID>', '<cbc:ID> ').replace('<cbc:ID> ', '<cbc:ID>').replace('</CertificateOfOrigin>', ' </CertificateOfOrigin>'), UBL, { 'idempotency-key': 'ubl-once-0009' });
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('other routes refuse these media types with 415', async () => {
    const created = await post(ubl({ certificateNumber: 'KH-RCEP-2026-U00010' }), UBL);
    const res = await hub.request('PUT', `/v1/certificates/${created.body.id}`, { token: issuer, rawBody: ubl(), headers: { 'content-type': UBL } });
    expect([res.status, res.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});
