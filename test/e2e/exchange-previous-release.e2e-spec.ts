import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cambodiaToJapan, japanToCambodia } from '../fixtures/certificates';
import { deliveriesOf, devNodeIdentity, eventually, forgetNodeIdentity, partnerBody, trustIssuerAcross, useNodeIdentity } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { PreviousReleaseHub } from '../support/previous-release';
import { applyAndApprove } from '../support/applications';
import { ExternalPki } from '../support/pki';

// Building the previous release from history the first time takes a while.
jest.setTimeout(300_000);

const ALL_TYPES = ['CO_ISSUED', 'CO_REPLACED', 'CO_CANCELLED', 'CO_DUPLICATE', 'CUSTOMS_RESPONSE', 'VERIFICATION_REQUEST', 'VERIFICATION_RESPONSE'];

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

// Cambodia's hub still runs the previous release (test/compat/previous-release.json), built from this
// repository's history; Japan's runs this one. The protocol changes additively only (DESIGN.md
// section 6): certificates and the answers between authorities go both ways.
describe('exchange: this release and the previous one', () => {
  const prefix = process.env.HUB_QUEUE_PREFIX;
  let ownCambodia: { url: string; restore: () => Promise<void> };
  let ownJapan: { restore: () => Promise<void> };
  let cambodia: PreviousReleaseHub;
  let japan: TestHub;
  let moc: string;
  let khCustoms: string;
  let meti: string;
  let jpCustoms: string;

  beforeAll(async () => {
    const cambodiaNode = devNodeIdentity('KH hub node (previous release)');
    const dir = mkdtempSync(join(tmpdir(), 'ecoo-prev-node-'));
    writeFileSync(join(dir, 'node.key'), cambodiaNode.keyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'node.crt'), cambodiaNode.certificatePem);
    ownCambodia = await useOwnDatabase('prev_kh', { empty: true });
    cambodia = await PreviousReleaseHub.start(
      { DATABASE_URL: ownCambodia.url, HUB_QUEUE_PREFIX: `${prefix}-prev-kh`, HUB_NODE_KEY_FILE: join(dir, 'node.key'), HUB_NODE_CERT_FILE: join(dir, 'node.crt'), LOG_LEVEL: 'warn' },
      await freePort(),
    );
    ownJapan = await useOwnDatabase('prev_jp');
    process.env.HUB_QUEUE_PREFIX = `${prefix}-prev-jp`;
    useNodeIdentity(devNodeIdentity('JP hub node'));
    try {
      japan = await TestHub.start();
    } finally {
      process.env.HUB_QUEUE_PREFIX = prefix;
      forgetNodeIdentity();
    }

    const key = async (code: string, country: string, roles: string[]) => {
      expect((await cambodia.operator('POST', '/v1/authorities', { code, name: code, country, roles })).status).toBe(201);
      if (roles.includes('ISSUER')) expect((await cambodia.operator('POST', '/v1/pki/dev-keys', { authorities: [code] })).status).toBe(200);
      return (await cambodia.operator('POST', '/v1/api-keys', { authority: code })).body.key as string;
    };
    moc = await key('KH-MOC', 'KH', ['ISSUER']);
    khCustoms = await key('KH-CUSTOMS', 'KH', ['CUSTOMS']);
    meti = await japan.authority('JP-METI', 'JP', ['ISSUER']);
    jpCustoms = await japan.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await trustIssuerAcross(cambodia as unknown as TestHub, japan, 'KH-MOC');
    await trustIssuerAcross(japan, cambodia as unknown as TestHub, 'JP-METI');

    const japanCertificate = (await japan.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const cambodiaCertificate = (await cambodia.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const fast = { retry: { baseDelayMs: 50, maxDelayMs: 200 } };
    const atJapan = await japan.operator('POST', '/v1/partners', partnerBody({ code: 'KH-HUB', endpointUrl: cambodia.baseUrl, routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], messageTypes: ALL_TYPES, nodeCertificate: cambodiaCertificate, outboundAuth: { type: 'NONE' }, ...fast }));
    const atCambodia = await cambodia.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'JP-HUB', endpointUrl: japan.baseUrl, messageTypes: ALL_TYPES, nodeCertificate: japanCertificate, outboundAuth: { type: 'BEARER', token: atJapan.body.inboundToken }, receipts: undefined, ...fast }),
    );
    const patched = await japan.operator('PATCH', `/v1/partners/${atJapan.body.id}`, { outboundAuth: { type: 'BEARER', token: atCambodia.body.inboundToken } });
    expect([atJapan.status, atCambodia.status, patched.status]).toEqual([201, 201, 200]);
  });

  afterAll(async () => {
    await japan?.close();
    await cambodia?.stop();
    await ownJapan?.restore();
    await ownCambodia?.restore();
  });

  async function issue(hub: { request: TestHub['request'] }, token: string, document: Record<string, unknown>): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token, body: document });
    expect(created.status).toBe(201);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token });
    expect(issued.status).toBe(200);
    return issued.body;
  }

  const settled = (hub: { request: TestHub['request'] }, token: string, id: string, type: string) =>
    eventually(
      `the ${type} delivery of ${id}`,
      () => deliveriesOf(hub as TestHub, token, id),
      (ds) => ds.some((d) => d.messageType === type && d.status !== 'PENDING'),
    ).then((ds) => ds.find((d) => d.messageType === type));

  it("delivers the previous release's certificates here, and this one's answer goes back", async () => {
    const certificate = await issue(cambodia as unknown as TestHub, moc, cambodiaToJapan());
    expect(await settled(cambodia as unknown as TestHub, moc, certificate.id, 'CO_ISSUED')).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });
    const found = await japan.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: jpCustoms });
    const copy = found.body.items[0];
    expect(copy).toMatchObject({ origin: 'RECEIVED', receivedFrom: 'KH-HUB', status: 'ISSUED', signatureCheck: { valid: true } });
    const verdict = await japan.request('POST', '/v1/verifications', { token: jpCustoms, body: { issuingAuthority: 'KH-MOC', certificateNumber: certificate.certificateNumber } });
    expect(verdict.body.verdict).toBe('VALID');

    expect((await japan.request('POST', `/v1/certificates/${copy.id}/customs-responses`, { token: jpCustoms, body: { decision: 'ACCEPT' } })).status).toBe(201);
    await eventually(
      'the acceptance at the previous release',
      () => cambodia.request('GET', `/v1/certificates/${certificate.id}`, { token: moc }),
      (res) => res.body.importStatus === 'ACCEPTED',
    );
  });

  it("delivers this release's certificates to the previous one, and its answer comes back", async () => {
    const certificate = await issue(japan, meti, japanToCambodia({ ucr: undefined }));
    expect(await settled(japan, meti, certificate.id, 'CO_ISSUED')).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });
    const found = await cambodia.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: khCustoms });
    const copy = found.body.items[0];
    expect(copy).toMatchObject({ origin: 'RECEIVED', receivedFrom: 'JP-HUB', status: 'ISSUED', signatureCheck: { valid: true } });

    expect((await cambodia.request('POST', `/v1/certificates/${copy.id}/customs-responses`, { token: khCustoms, body: { decision: 'ACCEPT' } })).status).toBe(201);
    await eventually('the acceptance here', () => japan.request('GET', `/v1/certificates/${certificate.id}`, { token: meti }), (res) => res.body.importStatus === 'ACCEPTED');
    // A cancellation follows the same way.
    expect((await japan.request('POST', `/v1/certificates/${certificate.id}/cancel`, { token: meti, body: { reason: 'Issued in error' } })).status).toBe(200);
    expect(await settled(japan, meti, certificate.id, 'CO_CANCELLED')).toMatchObject({ status: 'DELIVERED' });
    expect((await cambodia.request('GET', `/v1/certificates/${copy.id}`, { token: khCustoms })).body.status).toBe('CANCELLED');
  });

  it("delivers a certificate issued on an exporter's signed application to the previous release, which verifies the authority's signature as before", async () => {
    // The exporter's signature travels beside the document and the authority's CMS carries a signed
    // attribute the previous release does not know: both additive.
    const exporterPki = new ExternalPki('JP Exporters');
    expect((await japan.operator('POST', '/v1/pki/trust-anchors', { authority: 'JP-METI', certificatePem: exporterPki.root.certPem })).status).toBe(201);
    const exporter = await japan.trader('JP-CN-9876543210987', 'JP');
    const officer = (await japan.operator('POST', '/v1/api-keys', { authority: 'JP-METI', officerId: 'sato' })).body.key as string;
    const approval = await applyAndApprove(japan, { authority: 'JP-METI', exporter, officer, certificate: japanToCambodia({ ucr: undefined }), signer: { pki: exporterPki, key: exporterPki.signingKey({ cn: 'Niigata Rice Export K.K.' }) } });
    const certificate = approval.certificate;
    expect(certificate).toMatchObject({ issuedThrough: 'APPLICATION_SIGNED_BY_EXPORTER', exporterSigned: true });
    expect(await settled(japan, meti, certificate.id, 'CO_ISSUED')).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });
    const found = await cambodia.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: khCustoms });
    expect(found.body.items[0]).toMatchObject({ origin: 'RECEIVED', receivedFrom: 'JP-HUB', status: 'ISSUED', signatureCheck: { valid: true } });
    const verdict = await cambodia.request('POST', '/v1/verifications', { token: khCustoms, body: { issuingAuthority: 'JP-METI', certificateNumber: certificate.certificateNumber } });
    expect(verdict.body.verdict).toBe('VALID');
  });

  it('a partner on the previous release asked for renditions still accepts the envelope that carries them beside the record', async () => {
    const partner = (await japan.operator('GET', '/v1/partners')).body.find((p: { code: string }) => p.code === 'KH-HUB');
    expect((await japan.operator('PATCH', `/v1/partners/${partner.id}`, { renditions: ['ubl', 'edi3'] })).status).toBe(200);
    try {
      const certificate = await issue(japan, meti, japanToCambodia({ ucr: undefined }));
      const delivery = await settled(japan, meti, certificate.id, 'CO_ISSUED');
      expect(delivery).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });
      const [sent] = await japan.dataSource.query('SELECT envelope FROM deliveries WHERE envelope_id = $1', [delivery.envelopeId]);
      expect(sent.envelope.payload.renditions.map((r: { mediaType: string }) => r.mediaType)).toEqual(['application/vnd.ecoo.edi3+json', 'application/vnd.ecoo.ubl+xml']);
      const found = await cambodia.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: khCustoms });
      expect(found.body.items[0]).toMatchObject({ origin: 'RECEIVED', receivedFrom: 'JP-HUB', status: 'ISSUED', signatureCheck: { valid: true } });
    } finally {
      await japan.operator('PATCH', `/v1/partners/${partner.id}`, { renditions: [] });
    }
  });

  // Signed receipts are a capability of the registration (DESIGN.md section 6): a hub of this release
  // signs what it acknowledges to a partner registered SIGNED, and the previous release reads past the
  // field; a partner registered SIGNED that cannot sign (the previous release) ends RECEIPT_INVALID,
  // and UNSIGNED, as the upgrade migrates every existing partner, it delivers as before.
  it('signed receipts: the previous release ignores the receipt it is given, and a partner registered SIGNED that gives none ends RECEIPT_INVALID', async () => {
    const partner = (await japan.operator('GET', '/v1/partners')).body.find((p: { code: string }) => p.code === 'KH-HUB');
    expect(partner.receipts).toBe('UNSIGNED');
    expect((await japan.operator('PATCH', `/v1/partners/${partner.id}`, { receipts: 'SIGNED' })).status).toBe(200);
    try {
      const theirs = await issue(cambodia as unknown as TestHub, moc, { ...cambodiaToJapan(), certificateNumber: `KH-RCEP-${randomBytes(4).toString('hex').toUpperCase()}` });
      expect(await settled(cambodia as unknown as TestHub, moc, theirs.id, 'CO_ISSUED')).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });

      const mine = await issue(japan, meti, japanToCambodia({ ucr: undefined }));
      const failed = await settled(japan, meti, mine.id, 'CO_ISSUED');
      expect(failed).toMatchObject({ status: 'FAILED', lastErrorCode: 'RECEIPT_INVALID', attemptCount: 3, attempts: [{ errorCode: 'RECEIPT_INVALID' }, { errorCode: 'RECEIPT_INVALID' }, { errorCode: 'RECEIPT_INVALID' }] });
      expect((await japan.operator('GET', `/v1/deliveries/${failed.id}/receipt`)).body.code).toBe('RECEIPT_NOT_FOUND');

      // The operator registers the partner as it is, UNSIGNED, and sends it again: the previous
      // release answers the acknowledgement it first gave, and the view says it is unsigned.
      expect((await japan.operator('PATCH', `/v1/partners/${partner.id}`, { receipts: 'UNSIGNED' })).status).toBe(200);
      expect((await japan.operator('POST', `/v1/deliveries/${failed.id}/redeliver`)).status).toBe(200);
      const delivered = await settled(japan, meti, mine.id, 'CO_ISSUED');
      expect(delivered).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED', receipt: 'unsigned acknowledgement' } });
      const unsigned = await japan.operator('GET', `/v1/deliveries/${failed.id}/receipt`);
      expect({ status: unsigned.status, code: unsigned.body.code }).toEqual({ status: 404, code: 'RECEIPT_NOT_FOUND' });
    } finally {
      await japan.operator('PATCH', `/v1/partners/${partner.id}`, { receipts: 'UNSIGNED' });
    }
  });
});
