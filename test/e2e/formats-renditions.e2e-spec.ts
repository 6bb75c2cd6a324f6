import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { edi3ToDataset } from '../../src/dataset/formats/domain/edi3-certificate';
import { ublToDataset } from '../../src/dataset/formats/domain/ubl-certificate';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';

// Renditions out: GET /v1/certificates/{id}/document?format=ubl|edi3 answers a rendition made from
// the signed record, signed once by the record's key and then stored; checked with the tools a
// partner would use (xmllint against the UBL 2.4 schema, xmlsec1, openssl cms).
describe('formats: signed renditions of the record, in UBL 2.4 and edi3 JSON', () => {
  let hub: TestHub;
  let issuer: string;
  let customsJp: string;
  let dir: string;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customsJp = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    dir = mkdtempSync(join(tmpdir(), 'formats-e2e-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await hub.close();
  });

  async function issued(token = issuer): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token, body: cambodiaToJapan() });
    expect(created.status).toBe(201);
    const res = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function get(path: string, token: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; bytes: Buffer; json?: any }> {
    const res = await fetch(`${hub.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, bytes, json: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined };
  }

  // xmlsec1 takes one certificate per --trusted-pem file: each anchor of the authority (a database
  // shared with earlier spec files of this worker may hold more than one) gets its own file.
  async function trustedPemArgs(code: string): Promise<string[]> {
    const res = await hub.operator('GET', `/v1/pki/trust-anchors?authority=${code}`);
    return res.body.flatMap((anchor: any, i: number) => {
      writeFileSync(join(dir, `anchor-${i}.pem`), anchor.certificatePem);
      return ['--trusted-pem', `anchor-${i}.pem`];
    });
  }

  async function anchorPem(code: string): Promise<string> {
    const res = await hub.operator('GET', `/v1/pki/trust-anchors?authority=${code}`);
    return res.body.map((anchor: any) => anchor.certificatePem).join('');
  }

  function run(command: string, args: string[]): { status: number | null; out: string } {
    const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8' });
    return { status: result.status, out: `${result.stdout}${result.stderr}` };
  }

  it('without format the record byte for byte, whatever Accept says (a browser sends application/xml)', async () => {
    const cert = await issued();
    const plain = await get(`/v1/certificates/${cert.id}/document`, issuer);
    const browser = await get(`/v1/certificates/${cert.id}/document`, issuer, { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
    const ubl = await get(`/v1/certificates/${cert.id}/document`, issuer, { accept: 'application/vnd.ecoo.ubl+xml' });
    expect(plain.status).toBe(200);
    expect(createHash('sha256').update(plain.bytes).digest('hex')).toBe(cert.documentHash);
    for (const other of [browser, ubl]) {
      expect(other.type).toBe('application/json');
      expect(other.bytes.equals(plain.bytes)).toBe(true);
    }
  });

  it('UBL: valid against the shipped UBL 2.4 schema with xmllint, xmlsec1 verifies it against the issuer trust anchor and refuses one changed byte; it states the record hash and reads back as the record', async () => {
    const cert = await issued();
    const ubl = await get(`/v1/certificates/${cert.id}/document?format=ubl`, issuer);
    expect(ubl.status).toBe(200);
    expect(ubl.type).toBe('application/vnd.ecoo.ubl+xml');
    writeFileSync(join(dir, 'ca.pem'), await anchorPem('KH-MOC'));
    writeFileSync(join(dir, 'cert.xml'), ubl.bytes);
    const schema = join(__dirname, '../../src/dataset/formats/ubl/xsd/maindoc/UBL-CertificateOfOrigin-2.4.xsd');
    expect(run('xmllint', ['--noout', '--nonet', '--schema', schema, 'cert.xml'])).toEqual({ status: 0, out: 'cert.xml validates\n' });
    const trusted = await trustedPemArgs('KH-MOC');
    expect(run('xmlsec1', ['--verify', ...trusted, 'cert.xml'])).toMatchObject({ status: 0 });
    writeFileSync(join(dir, 'tampered.xml'), ubl.bytes.toString('utf8').replace('Jasmine rice', 'Jasmine ricE'));
    expect(run('xmlsec1', ['--verify', ...trusted, 'tampered.xml']).status).not.toBe(0);

    const record = (await get(`/v1/certificates/${cert.id}/document`, issuer)).json;
    const read = ublToDataset(ubl.bytes);
    expect(read).toEqual({ ok: true, document: record, recordHash: cert.documentHash });
  });

  it('edi3: its detached CMS passes openssl cms -verify, and it reads back as the record', async () => {
    const cert = await issued();
    const edi3 = await get(`/v1/certificates/${cert.id}/document?format=edi3`, issuer);
    const signature = await get(`/v1/certificates/${cert.id}/signature?format=edi3`, issuer);
    expect([edi3.status, edi3.type, signature.status, signature.type]).toEqual([200, 'application/vnd.ecoo.edi3+json', 200, 'application/pkcs7-signature']);
    writeFileSync(join(dir, 'ca.pem'), await anchorPem('KH-MOC'));
    writeFileSync(join(dir, 'edi3.json'), edi3.bytes);
    writeFileSync(join(dir, 'edi3.p7s'), signature.bytes);
    expect(run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'edi3.p7s', '-content', 'edi3.json', '-CAfile', 'ca.pem', '-out', '/dev/null']).status).toBe(0);
    const record = (await get(`/v1/certificates/${cert.id}/document`, issuer)).json;
    expect(edi3ToDataset(JSON.parse(edi3.bytes.toString('utf8')))).toEqual({ ok: true, document: record, recordHash: cert.documentHash });
  });

  it('is signed once and stored: the same bytes to the issuer and the importing customs, one audit entry', async () => {
    const cert = await issued();
    const [first, second] = await Promise.all([get(`/v1/certificates/${cert.id}/document?format=ubl`, issuer), get(`/v1/certificates/${cert.id}/document?format=ubl`, customsJp)]);
    const third = await get(`/v1/certificates/${cert.id}/document?format=ubl`, issuer);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(second.bytes.equals(first.bytes) && third.bytes.equals(first.bytes)).toBe(true);
    const sig = await get(`/v1/certificates/${cert.id}/signature?format=ubl`, issuer);
    expect(sig.type).toBe('application/xml');
    expect(first.bytes.toString('utf8')).toContain(sig.bytes.toString('utf8'));
    const rows = await hub.dataSource.query(`SELECT count(*)::int AS n FROM certificate_renditions WHERE certificate_id = $1`, [cert.id]);
    expect(rows[0].n).toBe(1);
    const audit = await hub.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'CERTIFICATE_RENDITION_SIGNED'`, [cert.id]);
    expect(audit[0].n).toBe(1);
  });

  it('after the key is revoked: a stored rendition is still served, one never made is a coded 409', async () => {
    const token = await hub.authority('KH-REV', 'KH', ['ISSUER']);
    const cert = await issued(token);
    expect((await get(`/v1/certificates/${cert.id}/document?format=edi3`, token)).status).toBe(200);
    const [key] = (await hub.operator('GET', '/v1/pki/keys?authority=KH-REV&status=ACTIVE')).body;
    expect((await hub.operator('POST', `/v1/pki/keys/${key.id}/revoke`, { reason: 'key compromise' })).status).toBe(200);
    expect((await get(`/v1/certificates/${cert.id}/document?format=edi3`, token)).status).toBe(200);
    const never = await get(`/v1/certificates/${cert.id}/document?format=ubl`, token);
    expect(never.status).toBe(409);
    expect(never.type).toContain('application/problem+json');
    expect(never.json).toMatchObject({ code: 'RENDITION_NOT_AVAILABLE', format: 'ubl', keyStatus: 'REVOKED' });
  });

  it('an unknown format is a problem+json 400, a draft a 409, another issuer a 404', async () => {
    const cert = await issued();
    const unknown = await get(`/v1/certificates/${cert.id}/document?format=pdf`, issuer);
    expect([unknown.status, unknown.json.code]).toEqual([400, 'UNKNOWN_FORMAT']);
    const draft = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    expect((await get(`/v1/certificates/${draft.body.id}/document?format=ubl`, issuer)).json.code).toBe('CERTIFICATE_NOT_ISSUED');
    const other = await hub.authority('KH-OTHER', 'KH', ['ISSUER']);
    expect((await get(`/v1/certificates/${cert.id}/document?format=ubl`, other)).status).toBe(404);
  });
});
