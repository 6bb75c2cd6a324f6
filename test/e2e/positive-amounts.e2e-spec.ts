import { cambodiaToJapan } from '../fixtures/certificates';
import { ForeignIssuer, PartnerNode, devNodeIdentity, issuedDocument, partnerBody, unsignedEnvelope } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { checkOf } from '../support/verification';

jest.setTimeout(180_000);

const withItem = (item: Record<string, unknown>) => {
  const body = cambodiaToJapan() as Record<string, any>;
  body.items = [{ ...body.items[0], ...item }];
  return body;
};

// Rule CO-ITEM-010 (dataset rules 1.1): a zero or negative weight, quantity or value is refused when
// a certificate is created or issued here, and only warned about in what an earlier version, or
// another hub, issued: a later rule never turns an issued certificate invalid (DESIGN.md section 4).
describe('zero or negative weights, quantities and values (CO-ITEM-010, rules 1.1)', () => {
  const cambodia = new PartnerNode(devNodeIdentity('KH hub node'));
  const moc = new ForeignIssuer('KH-MOC');
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let issuer: string;
  let customs: string;
  let token: string;

  beforeAll(async () => {
    own = await useOwnDatabase('positive_amounts');
    hub = await TestHub.start();
    issuer = await hub.authority('TH-DFT', 'TH', ['ISSUER']);
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await moc.trustAt(hub);
    const partner = await hub.operator('POST', '/v1/partners', partnerBody({ code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: cambodia.identity.certificatePem, outboundAuth: { type: 'NONE' } }));
    expect(partner.status).toBe(201);
    token = partner.body.inboundToken;
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const thai = (item: Record<string, unknown>) => {
    const body = withItem(item);
    const exporter = { id: 'TH-TIN-0105551234567', name: 'Siam Rice Co., Ltd.', address: { line1: '99 Sukhumvit Rd', city: 'Bangkok', country: 'TH' } };
    return { ...body, exportCountry: 'TH', issuePlace: 'THBKK', exporter, producer: exporter, transport: { ...body.transport, loadingPort: 'THBKK' }, exporterDeclaration: { ...body.exporterDeclaration, place: 'THBKK' }, certification: { ...body.certification, place: 'THBKK' }, items: body.items.map((i: Record<string, unknown>) => ({ ...i, originCountry: 'TH' })) };
  };

  it('refuses a zero weight, quantity or FOB value at create with a 422 naming CO-ITEM-010 and the path, and a negative one as malformed', async () => {
    const before = await hub.count('certificates');
    const zero = await hub.request('POST', '/v1/certificates', { token: issuer, body: thai({ grossWeight: { value: '0.000', unit: 'KGM' }, quantity: { value: '0', unit: 'KGM' }, fobValue: { amount: '0.00', currency: 'USD' } }) });
    expect(zero.status).toBe(422);
    expect(zero.body.violations.filter((v: any) => v.ruleId === 'CO-ITEM-010').map((v: any) => [v.path, v.severity])).toEqual([
      ['items[0].grossWeight.value', 'error'],
      ['items[0].quantity.value', 'error'],
      ['items[0].fobValue.amount', 'error'],
    ]);
    for (const item of [{ quantity: { value: '-5', unit: 'KGM' } }, { grossWeight: { value: '-0.1', unit: 'KGM' } }, { fobValue: { amount: '-1', currency: 'USD' } }]) {
      const negative = await hub.request('POST', '/v1/certificates', { token: issuer, body: thai(item) });
      expect(negative.status).toBe(422);
      expect(negative.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await hub.count('certificates')).toBe(before);
  });

  it('refuses to issue a draft holding a zero quantity (one written before rules 1.1), and issues a positive one under 1.1', async () => {
    const draft = await hub.request('POST', '/v1/certificates', { token: issuer, body: thai({}) });
    expect(draft.status).toBe(201);
    // The draft as a hub of the previous rules would have kept it.
    await hub.dataSource.query(`UPDATE certificates SET document = jsonb_set(document, '{items,0,quantity,value}', '"0"') WHERE id = $1`, [draft.body.id]);
    const refused = await hub.request('POST', `/v1/certificates/${draft.body.id}/issue`, { token: issuer });
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'CO-ITEM-010', path: 'items[0].quantity.value', severity: 'error' })]));
    expect((await hub.request('GET', `/v1/certificates/${draft.body.id}`, { token: issuer })).body.status).toBe('DRAFT');
    const fine = await hub.request('POST', '/v1/certificates', { token: issuer, body: thai({}) });
    const issued = await hub.request('POST', `/v1/certificates/${fine.body.id}/issue`, { token: issuer });
    expect(issued.status).toBe(200);
    expect(issued.body.versions.dataset).toBe('1.1');
  });

  it('takes a received certificate with a zero value, warning; it verifies as it did under the rules it was issued by', async () => {
    // A zero FOB value under a criterion that is not RVC-based: only CO-ITEM-010 speaks of it.
    const document = issuedDocument(withItem({ originCriterion: 'WO', fobValue: { amount: '0', currency: 'USD' } }), 'KH-MOC');
    const envelope = cambodia.sign(unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document, payload: moc.payload(document) }));
    const received = await hub.request('POST', '/v1/exchange/envelopes', { token, body: envelope });
    expect(received.status).toBe(200);
    expect(received.body.status).toBe('DELIVERED_WITH_WARNINGS');
    expect(received.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'CO-ITEM-010', path: 'payload.document.items[0].fobValue.amount', message: expect.stringContaining('warning') })]));
    const [row] = await hub.dataSource.query(`SELECT dataset_version FROM certificates WHERE certificate_number = $1 AND issuing_authority_code = 'KH-MOC'`, [document.certificateNumber]);
    expect(row.dataset_version).toBe('1');
    const verified = await hub.request('POST', '/v1/verifications', { token: customs, body: { issuingAuthority: 'KH-MOC', certificateNumber: document.certificateNumber } });
    expect(verified.status).toBe(200);
    expect(checkOf(verified.body, 'DATASET')).toMatchObject({ outcome: 'PASS', details: { violations: expect.arrayContaining([expect.objectContaining({ ruleId: 'CO-ITEM-010', severity: 'warning' })]) } });
    expect(verified.body.checks.filter((c: any) => c.outcome === 'FAIL')).toEqual([]);
    expect(verified.body.verdict).toBe('VALID');
  });
});
