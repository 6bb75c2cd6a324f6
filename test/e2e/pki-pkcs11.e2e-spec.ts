import { spawnSync } from 'node:child_process';
import { verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { checkpointSigningInput } from '../../src/audit/domain/audit-checkpoint';
import { signCsr } from '../../src/pki/crypto/dev-pki';
import { parseCertificate } from '../../src/pki/crypto/x509';
import { cambodiaToJapan } from '../fixtures/certificates';
import { ApiProcess } from '../support/api-process';
import { LaunchedHub } from '../support/hub-launcher';
import { ExternalPki } from '../support/pki';
import { SoftHsmToken } from '../support/softhsm';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

const DAY_MS = 86_400_000;

interface Answer {
  status: number;
  body: any;
  bytes: Buffer;
}

async function call(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = (response.headers.get('content-type') ?? '').includes('json') && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: response.status, body: json, bytes };
}

// Issue 21: signing keys in a PKCS#11 token (SoftHSM2 here). The hub runs as `npm start` does (an API
// process and a worker process) plus a second API process, all on one token and one database: keys
// are generated, certified and used in the token, and never leave it.
describe('signing keys in a PKCS#11 token (SoftHSM2)', () => {
  const pki = new ExternalPki('KH HSM');
  const nodePki = new ExternalPki('KH HSM node');
  let token: SoftHsmToken;
  let hub: LaunchedHub;
  let second: ApiProcess;
  let db: Client;
  let dir: string;
  let issuer: string;

  const op = (baseUrl: string, method: string, path: string, body?: unknown): Promise<Answer> => call(baseUrl, method, path, TEST_ADMIN_TOKEN, body);

  beforeAll(async () => {
    token = SoftHsmToken.create('ecoo-e2e');
    dir = mkdtempSync(join(tmpdir(), 'ecoo-pkcs11-'));
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    [hub, second] = await Promise.all([LaunchedHub.start({ ...token.env, HUB_API_PROCESSES: '1', HUB_AUDIT_MAX_DELAY_MS: '200' }, true, 240_000), ApiProcess.start(token.env, 240_000)]);
    expect((await op(hub.baseUrl, 'POST', '/v1/authorities', { code: 'KH-HSM', name: 'KH HSM authority', country: 'KH', roles: ['ISSUER'] })).status).toBe(201);
    issuer = (await op(hub.baseUrl, 'POST', '/v1/api-keys', { authority: 'KH-HSM' })).body.key;
    expect((await op(hub.baseUrl, 'POST', '/v1/pki/trust-anchors', { authority: 'KH-HSM', certificatePem: pki.root.certPem })).status).toBe(201);
    writeFileSync(join(dir, 'ca.pem'), pki.root.certPem);
  }, 300_000);

  afterAll(async () => {
    // The database is shared with the specs that follow in this worker: leave no node key they cannot open.
    if (hub) {
      const nodeKeys = await op(hub.baseUrl, 'GET', '/v1/pki/keys?node=true&status=ACTIVE');
      for (const key of nodeKeys.body ?? []) if (key.keyStore === 'PKCS11') await op(hub.baseUrl, 'POST', `/v1/pki/keys/${key.id}/retire`);
    }
    await second?.stop();
    await hub?.stop();
    await db?.end();
    token?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const openssl = (args: string[]): { status: number | null; out: string } => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    return { status: result.status, out: `${result.stdout}${result.stderr}` };
  };

  async function generateAndCertify(baseUrl: string, owner: Record<string, unknown>, ca: ExternalPki): Promise<any> {
    const generated = await op(baseUrl, 'POST', '/v1/pki/keys', { ...owner, keyBits: 2048 });
    expect(generated.status).toBe(201);
    const now = Date.now();
    const certificate = signCsr(ca.issuing, generated.body.csrPem, { validFrom: new Date(now - DAY_MS), validTo: new Date(now + 365 * DAY_MS) });
    const activated = await op(baseUrl, 'POST', `/v1/pki/keys/${generated.body.id}/certificate`, { certificatePem: certificate.certPem, chainPem: ca.issuing.certPem });
    expect(activated.body).toMatchObject({ status: 'ACTIVE', keyStore: 'PKCS11' });
    return { ...generated.body, certificatePem: certificate.certPem };
  }

  /** Creates and issues a certificate through `baseUrl`; the issue's status, and its id. */
  async function issue(baseUrl: string): Promise<{ status: number; id: string }> {
    const created = await call(baseUrl, 'POST', '/v1/certificates', issuer, cambodiaToJapan());
    expect(created.status).toBe(201);
    const issued = await call(baseUrl, 'POST', `/v1/certificates/${created.body.id}/issue`, issuer);
    return { status: issued.status, id: created.body.id };
  }

  async function expectOpensslVerifies(id: string, format?: string): Promise<void> {
    const query = format ? `?format=${format}` : '';
    const document = await call(hub.baseUrl, 'GET', `/v1/certificates/${id}/document${query}`, issuer);
    const signature = await call(hub.baseUrl, 'GET', `/v1/certificates/${id}/signature${query}`, issuer);
    expect([document.status, signature.status]).toEqual([200, 200]);
    writeFileSync(join(dir, 'document'), document.bytes);
    writeFileSync(join(dir, 'signature.der'), signature.bytes);
    const verified = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'signature.der', '-content', 'document', '-CAfile', 'ca.pem', '-out', '/dev/null']);
    expect(verified).toMatchObject({ status: 0, out: expect.stringContaining('Verification successful') });
  }

  const signingKeyOf = async (certificateId: string): Promise<string> => (await db.query('SELECT signing_key_id FROM certificates WHERE id = $1', [certificateId])).rows[0].signing_key_id;

  it('generates an authority key in the token (sensitive, not extractable), signs its CSR there, and the certificates it signs verify with openssl cms', async () => {
    const generated = await op(hub.baseUrl, 'POST', '/v1/pki/keys', { authority: 'KH-HSM', keyBits: 2048 });
    expect(generated.status).toBe(201);
    const tokenKeyId = generated.body.id.replace(/-/g, '');
    expect(generated.body).toMatchObject({ status: 'PENDING_CERTIFICATE', keyStore: 'PKCS11', token: { label: 'ecoo-e2e', keyId: tokenKeyId }, kdf: null, masterKeyVersion: null });
    const [row] = (await db.query('SELECT key_store, encrypted_private_key, token_label, token_key_id FROM signing_keys WHERE id = $1', [generated.body.id])).rows;
    expect(row).toEqual({ key_store: 'PKCS11', encrypted_private_key: null, token_label: 'ecoo-e2e', token_key_id: Buffer.from(tokenKeyId, 'hex') });
    expect(token.describeKey(tokenKeyId)).toEqual({ present: true, sensitive: true, extractable: false });
    // The CSR's signature, made in the token, matches the public key it carries.
    writeFileSync(join(dir, 'request.csr'), generated.body.csrPem);
    expect(openssl(['req', '-verify', '-noout', '-in', 'request.csr'])).toMatchObject({ status: 0, out: expect.stringMatching(/verify OK/i) });

    const now = Date.now();
    const certificate = signCsr(pki.issuing, generated.body.csrPem, { validFrom: new Date(now - DAY_MS), validTo: new Date(now + 365 * DAY_MS) });
    const activated = await op(hub.baseUrl, 'POST', `/v1/pki/keys/${generated.body.id}/certificate`, { certificatePem: certificate.certPem, chainPem: pki.issuing.certPem });
    expect(activated.body).toMatchObject({ status: 'ACTIVE', keyStore: 'PKCS11' });

    const issued = await issue(hub.baseUrl);
    expect(issued.status).toBe(200);
    expect(await signingKeyOf(issued.id)).toBe(generated.body.id);
    await expectOpensslVerifies(issued.id);
    // A rendition is signed by the same key, through the same key store.
    await expectOpensslVerifies(issued.id, 'edi3');
  });

  it('uses in one process a key made in the other, rotates it out, and a revocation stops it at once in every process', async () => {
    const [first] = (await db.query(`SELECT id FROM signing_keys WHERE authority_code = 'KH-HSM' AND status = 'ACTIVE'`)).rows;
    // Made and certified through the second API process ...
    const rotated = await generateAndCertify(second.baseUrl, { authority: 'KH-HSM' }, pki);
    expect((await op(hub.baseUrl, 'GET', `/v1/pki/keys/${first.id}`)).body).toMatchObject({ status: 'RETIRED' });
    // ... it signs in the first, and in the second.
    const inFirst = await issue(hub.baseUrl);
    expect(inFirst.status).toBe(200);
    expect(await signingKeyOf(inFirst.id)).toBe(rotated.id);
    await expectOpensslVerifies(inFirst.id);
    const inSecond = await issue(second.baseUrl);
    expect(inSecond.status).toBe(200);
    expect(await signingKeyOf(inSecond.id)).toBe(rotated.id);

    // Revoked through the first process: the second, which holds the key open, signs nothing more.
    const revoked = await op(hub.baseUrl, 'POST', `/v1/pki/keys/${rotated.id}/revoke`, { reason: 'token key withdrawn' });
    expect(revoked.body).toMatchObject({ status: 'REVOKED' });
    const refused = await issue(second.baseUrl);
    expect(refused.status).toBe(409);
    expect((await db.query('SELECT status FROM certificates WHERE id = $1', [refused.id])).rows[0].status).toBe('DRAFT');
  });

  it('keeps the node key in the token: the API process publishes it and the worker process signs audit checkpoints with it', async () => {
    expect((await op(hub.baseUrl, 'POST', '/v1/pki/trust-anchors', { node: true, certificatePem: nodePki.root.certPem })).status).toBe(201);
    const nodeKey = await generateAndCertify(hub.baseUrl, { node: true }, nodePki);
    const keyId = parseCertificate(nodeKey.certificatePem).fingerprintSha256;
    expect((await call(hub.baseUrl, 'GET', '/v1/exchange/node-certificate', '')).body).toMatchObject({ keyId });
    // The worker process chains entries within HUB_AUDIT_MAX_DELAY_MS and signs each checkpoint with the node key.
    expect((await op(hub.baseUrl, 'POST', '/v1/authorities', { code: 'KH-HSM-2', name: 'KH HSM second authority', country: 'KH', roles: ['ISSUER'] })).status).toBe(201);
    const deadline = Date.now() + 20_000;
    let checkpoint = (await op(hub.baseUrl, 'GET', '/v1/audit/checkpoint')).body;
    while (checkpoint?.keyId !== keyId && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      checkpoint = (await op(hub.baseUrl, 'GET', '/v1/audit/checkpoint')).body;
    }
    expect(checkpoint).toMatchObject({ keyId, algorithm: 'RSA-SHA256' });
    const publicKey = parseCertificate(nodeKey.certificatePem).publicKey;
    expect(verify('sha256', checkpointSigningInput(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'))).toBe(true);
    expect(verify('sha256', checkpointSigningInput({ ...checkpoint, seq: `${checkpoint.seq}0` }), publicKey, Buffer.from(checkpoint.signature, 'base64'))).toBe(false);
    expect((await op(hub.baseUrl, 'POST', `/v1/pki/keys/${nodeKey.id}/retire`)).body).toMatchObject({ status: 'RETIRED' });
  });
});
