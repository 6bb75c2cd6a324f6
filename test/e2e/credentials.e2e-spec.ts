import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { runBuilt } from '../support/run-cli';

// A certificate as a W3C Verifiable Credential (VC 2.0, VC-JOSE typ vc+jwt) with its status published
// in Bitstring Status Lists. The hub puts the JWS together over its key store's sign(bytes); here a
// JOSE library (jose) checks it, node:crypto's X509Certificate checks the x5c chain to the trust
// anchor, and the status is read from the public list as any verifier would.
const ISSUER = 'KH-VCRED';

describe('credentials: a certificate as a VC-JOSE credential, its status in Bitstring Status Lists', () => {
  let hub: TestHub;
  let issuer: string;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    issuer = await hub.authority(ISSUER, 'KH', ['ISSUER']);
  });

  afterAll(async () => {
    await hub.close();
  });

  async function issued(body = cambodiaToJapan()): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body });
    expect(created.status).toBe(201);
    const res = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function credentialOf(id: string): Promise<string> {
    const res = await hub.request('GET', `/v1/certificates/${id}/document?format=vc`, { token: issuer });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/vc+jwt']);
    return res.text;
  }

  /** The anchors the operator registered for the issuer: what a verifier is given out of band. */
  async function anchors(): Promise<X509Certificate[]> {
    const res = await hub.operator('GET', `/v1/pki/trust-anchors?authority=${ISSUER}`);
    return res.body.map((anchor: any) => new X509Certificate(anchor.certificatePem));
  }

  /** Signature with jose (key from the x5c leaf), then each x5c certificate issued and signed by the next, the last by a registered anchor. */
  async function verifiedCredential(jwt: string, trusted: X509Certificate[]): Promise<{ header: any; payload: any }> {
    const header = decodeProtectedHeader(jwt);
    expect([header.alg, header.typ]).toEqual(['RS256', 'vc+jwt']);
    const chain = (header.x5c as string[]).map((b64) => new X509Certificate(Buffer.from(b64, 'base64')));
    const key = await importX509(chain[0].toString(), 'RS256');
    const { payload } = await compactVerify(jwt, key, { algorithms: ['RS256'] });
    for (let i = 0; i + 1 < chain.length; i++) expect(chain[i].checkIssued(chain[i + 1]) && chain[i].verify(chain[i + 1].publicKey)).toBe(true);
    // The chain goes up to the registered anchor itself, which signs itself.
    const top = chain[chain.length - 1];
    expect(chain.length).toBeGreaterThan(1);
    expect(trusted.map((anchor) => anchor.fingerprint256)).toContain(top.fingerprint256);
    expect(top.verify(top.publicKey)).toBe(true);
    return { header, payload: JSON.parse(Buffer.from(payload).toString('utf8')) };
  }

  /** The status an entry has in its list, fetched without credentials and checked against the node certificate. */
  async function statusOf(entry: any): Promise<number> {
    const path = new URL(entry.statusListCredential).pathname;
    const res = await fetch(`${hub.baseUrl}${path}`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/vc+jwt']);
    const jwt = await res.text();
    const node = await hub.request('GET', '/v1/exchange/node-certificate');
    const header = decodeProtectedHeader(jwt);
    expect(new X509Certificate(Buffer.from((header.x5c as string[])[0], 'base64')).fingerprint256).toBe(new X509Certificate(node.body.certificate).fingerprint256);
    const { payload } = await compactVerify(jwt, await importX509(node.body.certificate, 'RS256'), { algorithms: ['RS256'] });
    const list = JSON.parse(Buffer.from(payload).toString('utf8'));
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: entry.statusListCredential,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: entry.statusPurpose },
    });
    const encoded: string = list.credentialSubject.encodedList;
    expect(encoded[0]).toBe('u');
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const size = entry.statusSize ?? 1;
    expect(bits.length * 8).toBeGreaterThanOrEqual(131_072 * size);
    let value = 0;
    for (let i = 0; i < size; i++) {
      const bit = Number(entry.statusListIndex) * size + i;
      value = (value << 1) | ((bits[bit >> 3] >> (7 - (bit % 8))) & 1);
    }
    return value;
  }

  const byPurpose = (payload: any, purpose: string) => payload.credentialStatus.find((entry: any) => entry.statusPurpose === purpose);

  it('issued: a VC 2.0 credential signed by the authority key with x5c to its anchor, the record as subject, both lists saying ISSUED', async () => {
    const cert = await issued();
    const jwt = await credentialOf(cert.id);
    const { payload } = await verifiedCredential(jwt, await anchors());
    const record = (await hub.request('GET', `/v1/certificates/${cert.id}/document`, { token: issuer })).body;
    expect(payload).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'CertificateOfOriginCredential'],
      issuer: { id: `urn:ecoo:authority:${ISSUER}` },
      validFrom: cert.issueDateTime,
      validUntil: cert.expiresAt,
      credentialSubject: { type: 'CertificateOfOrigin', ...record },
      relatedResource: [{ digestSRI: `sha256-${Buffer.from(cert.documentHash, 'hex').toString('base64')}` }],
    });
    expect(cert.expiresAt).toEqual(expect.any(String));
    const revocation = byPurpose(payload, 'revocation');
    const message = byPurpose(payload, 'message');
    expect(revocation).toMatchObject({ type: 'BitstringStatusListEntry', statusListIndex: expect.stringMatching(/^\d+$/) });
    expect(message).toMatchObject({ type: 'BitstringStatusListEntry', statusSize: 2, statusMessage: expect.arrayContaining([{ status: '0x1', message: 'REPLACED' }]) });
    expect([await statusOf(revocation), await statusOf(message)]).toEqual([0, 0]);
    // Signed once and stored: the same bytes again.
    expect(await credentialOf(cert.id)).toBe(jwt);
  });

  it('replaced: the message list says REPLACED (0x1), its statusReference names the replacement; the revocation bit stays clear', async () => {
    const original = await issued();
    const { payload } = await verifiedCredential(await credentialOf(original.id), await anchors());
    const replacement = await hub.request('POST', `/v1/certificates/${original.id}/replacement`, {
      token: issuer,
      body: cambodiaToJapan({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: original.certificateNumber }),
    });
    expect(replacement.status).toBe(201);
    const message = byPurpose(payload, 'message');
    expect([await statusOf(byPurpose(payload, 'revocation')), await statusOf(message)]).toEqual([0, 1]);
    const reference = await fetch(`${hub.baseUrl}${new URL(message.statusReference).pathname}`);
    expect(await reference.json()).toMatchObject({
      status: '0x1',
      message: 'REPLACED',
      replacedBy: { issuingAuthority: ISSUER, certificateNumber: replacement.body.certificateNumber, copyNumber: 0 },
    });
  });

  it('cancelled: the revocation bit is set and the message list says CANCELLED (0x2)', async () => {
    const cert = await issued();
    const { payload } = await verifiedCredential(await credentialOf(cert.id), await anchors());
    const cancelled = await hub.request('POST', `/v1/certificates/${cert.id}/cancel`, { token: issuer, body: { reason: 'Issued in error' } });
    expect(cancelled.status).toBe(200);
    expect([await statusOf(byPurpose(payload, 'revocation')), await statusOf(byPurpose(payload, 'message'))]).toEqual([1, 2]);
  });

  it('POST /v1/verifications takes the credential (JSON or a multipart part): VALID, a changed one INVALID, then CANCELLED; not a JWS is 422', async () => {
    const cert = await issued();
    const jwt = await credentialOf(cert.id);
    const asIssuer = await hub.request('POST', '/v1/verifications', { token: issuer, body: { credential: jwt } });
    expect(asIssuer.status).toBe(200);
    expect(asIssuer.body).toMatchObject({ verdict: 'VALID', scope: 'FULL', reasons: [], certificate: { id: cert.id } });
    expect(asIssuer.body.checks.filter((check: any) => ['INTEGRITY', 'SIGNATURE', 'CHAIN'].includes(check.check)).map((check: any) => check.outcome)).toEqual(['PASS', 'PASS', 'PASS']);
    const [logged] = await hub.dataSource.query(`SELECT method, verdict FROM verifications WHERE certificate_id = $1`, [cert.id]);
    expect(logged).toEqual({ method: 'CREDENTIAL', verdict: 'VALID' });

    const form = new FormData();
    form.append('credential', new Blob([jwt]), 'certificate.vc.jwt');
    const uploaded = await fetch(`${hub.baseUrl}/v1/verifications`, { method: 'POST', body: form });
    expect(await uploaded.json()).toMatchObject({ verdict: 'VALID', scope: 'PUBLIC' });

    const [h, p, sig] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    payload.credentialSubject.items[0].description = 'Jasmine rice, broken';
    const changed = await hub.request('POST', '/v1/verifications', { token: issuer, body: { credential: `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}` } });
    expect(changed.body.verdict).toBe('INVALID');
    expect(changed.body.reasons).toEqual(['TAMPERED_DOCUMENT', 'BAD_SIGNATURE']);

    await hub.request('POST', `/v1/certificates/${cert.id}/cancel`, { token: issuer, body: { reason: 'Goods not shipped' } });
    const cancelled = await hub.request('POST', '/v1/verifications', { token: issuer, body: { credential: jwt } });
    expect(cancelled.body).toMatchObject({ verdict: 'INVALID', reasons: ['CANCELLED'] });

    const garbage = await hub.request('POST', '/v1/verifications', { token: issuer, body: { credential: 'not-a-jws' } });
    expect(garbage.status).toBe(422);
    expect(garbage.body.violations.map((v: any) => v.ruleId)).toEqual(['VERIFY-VC-001']);
  });

  it('ecoo-verify checks the credential with the status lists as files (ISSUED: exit 0), then fetched by URL after the cancellation (CANCELLED: exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credentials-e2e-'));
    try {
      const cert = await issued();
      const jwt = await credentialOf(cert.id);
      const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
      const anchorsRes = await hub.operator('GET', `/v1/pki/trust-anchors?authority=${ISSUER}`);
      writeFileSync(join(dir, 'cert.vc.jwt'), jwt);
      writeFileSync(join(dir, 'ca.pem'), anchorsRes.body.map((anchor: any) => anchor.certificatePem).join(''));
      writeFileSync(join(dir, 'node.pem'), (await hub.request('GET', '/v1/exchange/node-certificate')).body.certificate);
      const urls: string[] = payload.credentialStatus.map((entry: any) => `${hub.baseUrl}${new URL(entry.statusListCredential).pathname}`);
      for (const [i, url] of urls.entries()) writeFileSync(join(dir, `list-${i}.jwt`), await (await fetch(url)).text());
      const common = ['--credential', join(dir, 'cert.vc.jwt'), '--ca', join(dir, 'ca.pem'), '--status-signer', join(dir, 'node.pem'), '--json'];

      const issuedRun = runBuilt('verification/cli/ecoo-verify.js', {}, [...common, '--status-list', join(dir, 'list-0.jwt'), '--status-list', join(dir, 'list-1.jwt')]);
      expect(issuedRun.stderr).toBe('');
      const issuedAnswer = JSON.parse(issuedRun.stdout);
      expect([issuedRun.status, issuedAnswer.verdict, issuedAnswer.reasons]).toEqual([0, 'VALID', []]);
      expect(issuedAnswer.credentialStatus.map((entry: any) => entry.status).sort()).toEqual(['ISSUED', 'NOT_REVOKED']);

      await hub.request('POST', `/v1/certificates/${cert.id}/cancel`, { token: issuer, body: { reason: 'Duplicate application' } });
      // Asynchronously, so that this process's hub can answer the verifier's fetches.
      const cli = resolve(__dirname, '../../dist/verification/cli/ecoo-verify.js');
      const fetched = await promisify(execFile)(process.execPath, [cli, ...common, ...urls.flatMap((url) => ['--status-list', url])]).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
      const cancelledAnswer = JSON.parse(fetched.stdout);
      expect([fetched.code, cancelledAnswer.verdict, cancelledAnswer.reasons]).toEqual([1, 'INVALID', ['CANCELLED']]);
      expect(cancelledAnswer.credentialStatus.map((entry: any) => entry.status).sort()).toEqual(['CANCELLED', 'CANCELLED']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
