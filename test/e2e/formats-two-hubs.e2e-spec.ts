import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cambodiaToJapan, japanToCambodia } from '../fixtures/certificates';
import { deliveriesOf, devNodeIdentity, eventually, partnerBody, trustIssuerAcross } from '../support/exchange';
import { TestHub } from '../support/hub';
import { countStatements, countedAs, statementsOf } from '../support/sql-statements';
import { useOwnDatabase } from '../support/own-database';

jest.setTimeout(120_000);

// Two hubs where each receiver asked, in the sender's registration of it, for renditions: Japan reads
// UBL, Cambodia reads edi3. The envelope still carries the record and its CMS; the renditions travel
// beside it, and the receiver keeps each only when its own signature holds against the issuer's anchors.
describe('formats: two hubs exchange certificates with the renditions each receiver asked for', () => {
  let ownJapan: { restore: () => Promise<void> };
  let ownCambodia: { restore: () => Promise<void> };
  let japan: TestHub;
  let cambodia: TestHub;
  let moc: string;
  let meti: string;
  let jpCustoms: string;
  let khCustoms: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'formats-hubs-'));
    ownJapan = await useOwnDatabase('fmt_jp');
    japan = await TestHub.startAs('fmt-jp', devNodeIdentity('JP hub node'));
    ownCambodia = await useOwnDatabase('fmt_kh');
    cambodia = await TestHub.startAs('fmt-kh', devNodeIdentity('KH hub node'));
    countStatements(cambodia.app.getHttpServer());
    moc = await cambodia.authority('KH-MOC', 'KH', ['ISSUER']);
    khCustoms = await cambodia.authority('KH-CUSTOMS', 'KH', ['CUSTOMS']);
    meti = await japan.authority('JP-METI', 'JP', ['ISSUER']);
    jpCustoms = await japan.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    await trustIssuerAcross(cambodia, japan, 'KH-MOC');
    await trustIssuerAcross(japan, cambodia, 'JP-METI');
    const japanCertificate = (await japan.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const cambodiaCertificate = (await cambodia.request('GET', '/v1/exchange/node-certificate')).body.certificate;
    const fast = { retry: { baseDelayMs: 50, maxDelayMs: 200 } };
    const atJapan = await japan.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'KH-HUB', endpointUrl: cambodia.baseUrl, routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: cambodiaCertificate, outboundAuth: { type: 'NONE' }, renditions: ['edi3', 'ubl'], ...fast }),
    );
    const atCambodia = await cambodia.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'JP-HUB', endpointUrl: japan.baseUrl, nodeCertificate: japanCertificate, outboundAuth: { type: 'BEARER', token: atJapan.body.inboundToken }, renditions: ['ubl'], ...fast }),
    );
    const patched = await japan.operator('PATCH', `/v1/partners/${atJapan.body.id}`, { outboundAuth: { type: 'BEARER', token: atCambodia.body.inboundToken } });
    expect([atJapan.status, atCambodia.status, patched.status]).toEqual([201, 201, 200]);
    expect([atJapan.body.renditions, atCambodia.body.renditions]).toEqual([['edi3', 'ubl'], ['ubl']]);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await cambodia.close();
    await japan.close();
    await ownCambodia.restore();
    await ownJapan.restore();
  });

  async function issue(hub: TestHub, token: string, document: Record<string, unknown>): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token, body: document });
    expect(created.status).toBe(201);
    const issued = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token });
    expect(issued.status).toBe(200);
    return issued.body;
  }

  const settled = (hub: TestHub, token: string, id: string) =>
    eventually(`the delivery of ${id} to settle`, () => deliveriesOf(hub, token, id), (ds) => ds.some((d) => d.messageType === 'CO_ISSUED' && d.status !== 'PENDING')).then((ds) =>
      ds.find((d) => d.messageType === 'CO_ISSUED'),
    );

  async function bytes(hub: TestHub, token: string, path: string): Promise<{ status: number; type: string; body: Buffer }> {
    const res = await fetch(`${hub.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
  }

  it('Cambodia to Japan (which reads UBL): the record and its CMS as before, the signed UBL beside it, kept and served by Japan as signed', async () => {
    const certificate = await issue(cambodia, moc, cambodiaToJapan());
    const delivery = await settled(cambodia, moc, certificate.id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });
    const [sent] = await cambodia.dataSource.query('SELECT envelope FROM deliveries WHERE envelope_id = $1', [delivery.envelopeId]);
    expect(Object.keys(sent.envelope.payload).sort()).toEqual(['document', 'documentSignature', 'renditions']);
    expect(sent.envelope.payload.renditions.map((r: { mediaType: string }) => r.mediaType)).toEqual(['application/vnd.ecoo.ubl+xml']);

    const copy = (await japan.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: jpCustoms })).body.items[0];
    expect(copy).toMatchObject({ origin: 'RECEIVED', signatureCheck: { valid: true } });
    const atJapan = await bytes(japan, jpCustoms, `/v1/certificates/${copy.id}/document?format=ubl`);
    const atCambodia = await bytes(cambodia, moc, `/v1/certificates/${certificate.id}/document?format=ubl`);
    expect([atJapan.status, atJapan.type]).toEqual([200, 'application/vnd.ecoo.ubl+xml']);
    // Signed once, at issue, by the ministry's key: the same bytes on both hubs.
    expect(atJapan.body.equals(atCambodia.body)).toBe(true);
    writeFileSync(join(dir, 'ca.pem'), (await cambodia.operator('GET', '/v1/pki/trust-anchors?authority=KH-MOC')).body.map((a: { certificatePem: string }) => a.certificatePem).join(''));
    writeFileSync(join(dir, 'received.xml'), atJapan.body);
    expect(spawnSync('xmlsec1', ['--verify', ...trustedPemArgs(dir, 'ca.pem'), 'received.xml'], { cwd: dir }).status).toBe(0);
    // Japan holds no UBL signer of its own for a received copy: a format it was not sent is a coded 409.
    const edi3 = await bytes(japan, jpCustoms, `/v1/certificates/${copy.id}/document?format=edi3`);
    expect(edi3.status).toBe(409);
    expect(JSON.parse(edi3.body.toString('utf8')).code).toBe('RENDITION_NOT_AVAILABLE');
  });

  // A batch item's row is first written issued, in its last statement; a rendition's row names the
  // certificate, so the item that makes one writes the certificate first (issueLocked).
  it('a batch from Cambodia to Japan sends each certificate with its UBL rendition, and a refused item leaves nothing of it', async () => {
    const good = [cambodiaToJapan(), cambodiaToJapan()];
    const bad = cambodiaToJapan({ exportCountry: 'XX' });
    const res = await cambodia.request('POST', '/v1/certificates/batch', { token: moc, body: { certificates: [good[0], bad, good[1]] }, headers: countedAs('batch-renditions') });
    expect(res.status).toBe(200);
    // Each good item's writes stay within its savepoint: its row (issued), its rendition, then what
    // the issue added after the rendition (the delivery, the audit entries), before the next savepoint.
    const statements = statementsOf('batch-renditions').map((text) => text.replace(/\s+/g, ' '));
    const kinds = statements.map((text) =>
      /INSERT INTO certificates\b/.test(text) ? 'certificate' : /INSERT INTO "certificate_renditions"/.test(text) ? 'rendition' : /INSERT INTO "deliveries"/.test(text) ? 'deliveries' : /SAVEPOINT/.test(text) ? text : /^COMMIT/.test(text) ? 'COMMIT' : undefined,
    );
    expect(kinds.filter((kind) => kind !== undefined)).toEqual([
      'SAVEPOINT uow_1',
      'certificate',
      'rendition',
      'deliveries',
      'RELEASE SAVEPOINT uow_1; SAVEPOINT uow_2',
      'ROLLBACK TO SAVEPOINT uow_2; RELEASE SAVEPOINT uow_2',
      'SAVEPOINT uow_3',
      'certificate',
      'rendition',
      'deliveries',
      'COMMIT',
    ]);
    expect(res.body.results.map((r: { outcome: string; status: number }) => [r.outcome, r.status])).toEqual([
      ['ISSUED', 201],
      ['FAILED', 422],
      ['ISSUED', 201],
    ]);
    for (const index of [0, 2]) {
      const certificate = res.body.results[index].certificate;
      const [row] = await cambodia.dataSource.query('SELECT status, version, signature_cms IS NOT NULL AS signed FROM certificates WHERE id = $1', [certificate.id]);
      expect(row).toEqual({ status: 'ISSUED', version: 2, signed: true });
      const renditions = await cambodia.dataSource.query(`SELECT format FROM certificate_renditions WHERE certificate_id = $1`, [certificate.id]);
      expect(renditions).toEqual([{ format: 'ubl' }]);
      const audit = await cambodia.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY arrival_no`, [certificate.id]);
      expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['CERTIFICATE_CREATED', 'CERTIFICATE_ISSUED', 'CERTIFICATE_RENDITION_SIGNED']);
      const delivery = await settled(cambodia, moc, certificate.id);
      expect(delivery).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });
      const [sent] = await cambodia.dataSource.query('SELECT envelope FROM deliveries WHERE envelope_id = $1', [delivery.envelopeId]);
      expect(sent.envelope.payload.renditions.map((r: { mediaType: string }) => r.mediaType)).toEqual(['application/vnd.ecoo.ubl+xml']);
      const copy = (await japan.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: jpCustoms })).body.items[0];
      expect((await bytes(japan, jpCustoms, `/v1/certificates/${copy.id}/document?format=ubl`)).status).toBe(200);
    }
    expect(await cambodia.count('certificates', 'certificate_number = $1', [bad.certificateNumber])).toBe(0);
  });

  it('a batch from Japan to Cambodia (which reads edi3 and UBL) makes both renditions of each certificate, its row written once', async () => {
    const items = [japanToCambodia(), japanToCambodia()];
    const res = await japan.request('POST', '/v1/certificates/batch', { token: meti, body: { certificates: items } });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['ISSUED', 'ISSUED']);
    for (const { certificate } of res.body.results) {
      expect(await japan.count('certificates', 'id = $1', [certificate.id])).toBe(1);
      const renditions = await japan.dataSource.query('SELECT format FROM certificate_renditions WHERE certificate_id = $1 ORDER BY format', [certificate.id]);
      expect(renditions).toEqual([{ format: 'edi3' }, { format: 'ubl' }]);
      const delivery = await settled(japan, meti, certificate.id);
      expect(delivery).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });
      const [sent] = await japan.dataSource.query('SELECT envelope FROM deliveries WHERE envelope_id = $1', [delivery.envelopeId]);
      expect(sent.envelope.payload.renditions.map((r: { mediaType: string }) => r.mediaType).sort()).toEqual(['application/vnd.ecoo.edi3+json', 'application/vnd.ecoo.ubl+xml']);
    }
  });

  it('Japan to Cambodia (which reads edi3 and UBL): both renditions travel beside the record and are kept', async () => {
    const certificate = await issue(japan, meti, japanToCambodia());
    expect(await settled(japan, meti, certificate.id)).toMatchObject({ status: 'DELIVERED', acknowledgement: { status: 'DELIVERED' } });
    const copy = (await cambodia.request('GET', `/v1/certificates?certificateNumber=${certificate.certificateNumber}`, { token: khCustoms })).body.items[0];
    const document = await bytes(cambodia, khCustoms, `/v1/certificates/${copy.id}/document?format=edi3`);
    const signature = await bytes(cambodia, khCustoms, `/v1/certificates/${copy.id}/signature?format=edi3`);
    expect([document.status, signature.status]).toEqual([200, 200]);
    writeFileSync(join(dir, 'ca.pem'), (await japan.operator('GET', '/v1/pki/trust-anchors?authority=JP-METI')).body.map((a: { certificatePem: string }) => a.certificatePem).join(''));
    writeFileSync(join(dir, 'edi3.json'), document.body);
    writeFileSync(join(dir, 'edi3.p7s'), signature.body);
    const verified = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'edi3.p7s', '-content', 'edi3.json', '-CAfile', 'ca.pem', '-out', '/dev/null'], { cwd: dir });
    expect(verified.status).toBe(0);
    expect(JSON.parse(document.body.toString('utf8')).iD).toBe(certificate.certificateNumber);
    const ubl = await bytes(cambodia, khCustoms, `/v1/certificates/${copy.id}/document?format=ubl`);
    expect(ubl.status).toBe(200);
    writeFileSync(join(dir, 'received-jp.xml'), ubl.body);
    expect(spawnSync('xmlsec1', ['--verify', ...trustedPemArgs(dir, 'ca.pem'), 'received-jp.xml'], { cwd: dir }).status).toBe(0);
  });
});

// xmlsec1 takes one certificate per --trusted-pem file: each certificate of a bundle gets its own.
function trustedPemArgs(dir: string, bundle: string): string[] {
  const pems = readFileSync(join(dir, bundle), 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return pems.flatMap((pem, i) => {
    writeFileSync(join(dir, `${bundle}.${i}.pem`), `${pem}\n`);
    return ['--trusted-pem', `${bundle}.${i}.pem`];
  });
}
