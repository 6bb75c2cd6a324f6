import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cambodiaToJapan } from '../fixtures/certificates';
import { deliveriesOf, devNodeIdentity, eventually, partnerBody, trustIssuerAcross } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { runBuilt } from '../support/run-cli';

jest.setTimeout(120_000);

// Two hubs of this release, each registering the other without saying anything of receipts (so
// SIGNED, the default): every acknowledgement between them carries a receipt signed by the receiving
// node, which the sender checks, keeps, serves with everything needed to check it offline, and
// still verifies after the partner's node certificate was rotated.
describe('exchange: signed receipts between two hubs', () => {
  const cambodiaNode = devNodeIdentity('KH receipts node');
  const japanNode = devNodeIdentity('JP receipts node');
  let ownJapan: { restore: () => Promise<void> };
  let ownCambodia: { restore: () => Promise<void> };
  let japan: TestHub;
  let cambodia: TestHub;
  let moc: string;
  let jpCustoms: string;
  let japanAtCambodia: string;

  beforeAll(async () => {
    ownJapan = await useOwnDatabase('rcpt_jp');
    japan = await TestHub.startAs('rcpt-jp', japanNode);
    ownCambodia = await useOwnDatabase('rcpt_kh');
    cambodia = await TestHub.startAs('rcpt-kh', cambodiaNode);
    moc = await cambodia.authority('KH-MOC', 'KH', ['ISSUER']);
    await cambodia.authority('KH-CUSTOMS', 'KH', ['CUSTOMS']);
    jpCustoms = await japan.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await trustIssuerAcross(cambodia, japan, 'KH-MOC');

    const japanCertificate = (await japan.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const cambodiaCertificate = (await cambodia.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const fast = { retry: { baseDelayMs: 50, maxDelayMs: 200 } };
    const all = ['CO_ISSUED', 'CO_REPLACED', 'CO_CANCELLED', 'CO_DUPLICATE', 'CUSTOMS_RESPONSE', 'VERIFICATION_REQUEST', 'VERIFICATION_RESPONSE'];
    const atJapan = await japan.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'KH-HUB', endpointUrl: cambodia.baseUrl, routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], messageTypes: all, nodeCertificate: cambodiaCertificate, outboundAuth: { type: 'NONE' }, receipts: undefined, ...fast }),
    );
    const atCambodia = await cambodia.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'JP-HUB', endpointUrl: japan.baseUrl, messageTypes: all, nodeCertificate: japanCertificate, outboundAuth: { type: 'BEARER', token: atJapan.body.inboundToken }, receipts: undefined, ...fast }),
    );
    const patched = await japan.operator('PATCH', `/v1/partners/${atJapan.body.id}`, { outboundAuth: { type: 'BEARER', token: atCambodia.body.inboundToken } });
    expect([atJapan.status, atCambodia.status, patched.status]).toEqual([201, 201, 200]);
    expect([atJapan.body.receipts, atCambodia.body.receipts]).toEqual(['SIGNED', 'SIGNED']);
    japanAtCambodia = atCambodia.body.id;
  });

  afterAll(async () => {
    await cambodia?.close();
    await japan?.close();
    await ownCambodia?.restore();
    await ownJapan?.restore();
  });

  const settled = (hub: TestHub, token: string, id: string, type: string) =>
    eventually(`the ${type} delivery of ${id}`, () => deliveriesOf(hub, token, id), (ds) => ds.some((d) => d.messageType === type && d.status !== 'PENDING')).then((ds) =>
      ds.find((d) => d.messageType === type),
    );

  it('a certificate goes with a signed receipt, and the answer comes back with one', async () => {
    const created = await cambodia.request('POST', '/v1/certificates', { token: moc, body: cambodiaToJapan() });
    const certificate = (await cambodia.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: moc })).body;
    const delivery = await settled(cambodia, moc, certificate.id, 'CO_ISSUED');
    expect(delivery).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED', receipt: 'signed receipt' } });

    const receipt = await cambodia.operator('GET', `/v1/deliveries/${delivery.id}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.body.claims).toMatchObject({ envelopeId: delivery.envelopeId, status: 'DELIVERED', reasonCodes: [], receivedAt: delivery.acknowledgement.receivedAt });
    expect(receipt.body.certificate.replace(/\r/g, '')).toBe(japanNode.certificatePem.replace(/\r/g, ''));
    expect(Object.keys(receipt.body).sort()).toEqual(['certificate', 'claims', 'envelope', 'receipt']);

    // Checked offline by ecoo-verify, as saved; one changed byte of the receipt and it fails.
    const dir = mkdtempSync(join(tmpdir(), 'ecoo-receipt-'));
    const file = join(dir, 'receipt.json');
    writeFileSync(file, receipt.text);
    const valid = runBuilt('verification/cli/ecoo-verify.js', {}, ['--receipt', file]);
    expect({ status: valid.status, out: valid.stdout }).toEqual({ status: 0, out: expect.stringMatching(/^VALID /) });
    const bytes = readFileSync(file);
    const at = bytes.indexOf(receipt.body.receipt) + receipt.body.receipt.length - 10;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(file, bytes);
    const changed = runBuilt('verification/cli/ecoo-verify.js', {}, ['--receipt', file]);
    expect({ status: changed.status, out: changed.stdout }).toEqual({ status: 1, out: expect.stringMatching(/^INVALID .*RECEIPT_SIGNATURE_INVALID/) });

    // Japan's acceptance goes back to Cambodia, acknowledged with Cambodia's receipt.
    const found = await japan.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: jpCustoms });
    const copy = found.body.items[0];
    expect((await japan.request('POST', `/v1/certificates/${copy.id}/customs-responses`, { token: jpCustoms, body: { decision: 'ACCEPT' } })).status).toBe(201);
    const answer = await settled(japan, jpCustoms, copy.id, 'CUSTOMS_RESPONSE');
    expect(answer).toMatchObject({ status: 'DELIVERED', acknowledgement: { receipt: 'signed receipt' } });
    const back = await japan.operator('GET', `/v1/deliveries/${answer.id}/receipt`);
    expect(back.body).toMatchObject({ claims: { envelopeId: answer.envelopeId, status: 'DELIVERED' } });
    expect(back.body.certificate.replace(/\r/g, '')).toBe(cambodiaNode.certificatePem.replace(/\r/g, ''));
  });

  it("a receipt still reads after the partner's node certificate was rotated, with the certificate it was signed under", async () => {
    const [delivery] = await cambodia.dataSource.query(`SELECT id FROM deliveries WHERE message_type = 'CO_ISSUED' AND status = 'DELIVERED' ORDER BY created_at LIMIT 1`);
    const before = await cambodia.operator('GET', `/v1/deliveries/${delivery.id}/receipt`);
    const rotated = devNodeIdentity('JP receipts node, next key');
    expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { nodeCertificate: rotated.certificatePem })).status).toBe(200);
    try {
      const after = await cambodia.operator('GET', `/v1/deliveries/${delivery.id}/receipt`);
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before.body);
      const dir = mkdtempSync(join(tmpdir(), 'ecoo-receipt-'));
      writeFileSync(join(dir, 'receipt.json'), after.text);
      expect(runBuilt('verification/cli/ecoo-verify.js', {}, ['--receipt', join(dir, 'receipt.json')]).status).toBe(0);
    } finally {
      expect((await cambodia.operator('PATCH', `/v1/partners/${japanAtCambodia}`, { nodeCertificate: japanNode.certificatePem })).status).toBe(200);
    }
  });
});
