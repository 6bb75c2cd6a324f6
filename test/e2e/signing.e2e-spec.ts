import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { createDevCa, createDevSigningKey } from '../../src/pki/crypto/dev-pki';
import { KeyOwnerType } from '../../src/pki/domain/key-owner';
import { SignatureVerificationService } from '../../src/pki/services/signature-verification.service';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { ExternalPki } from '../support/pki';
import { testKeyPair } from '../support/key-pool';

// Every issued certificate carries its authority's detached CMS: checked here with the system's
// openssl, through the hub's verification, and across a revocation.
describe('signing: every issued certificate is signed, and anyone can check it', () => {
  let hub: TestHub;
  let issuer: string;
  let otherIssuer: string;
  let customsJp: string;
  let customsTh: string;
  let dir: string;

  beforeAll(async () => {
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    otherIssuer = await hub.authority('KH-CCC', 'KH', ['ISSUER']);
    customsJp = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    customsTh = await hub.authority('TH-CUSTOMS', 'TH', ['CUSTOMS']);
    dir = mkdtempSync(join(tmpdir(), 'signing-e2e-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await hub.close();
  });

  async function draft(token: string, overrides: Record<string, unknown> = {}): Promise<any> {
    const res = await hub.request('POST', '/v1/certificates', { token, body: cambodiaToJapan(overrides) });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function issued(token = issuer): Promise<any> {
    const created = await draft(token);
    const res = await hub.request('POST', `/v1/certificates/${created.id}/issue`, { token });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function download(id: string, token = issuer): Promise<{ document: Buffer; signature: Buffer }> {
    const doc = await fetch(`${hub.baseUrl}/v1/certificates/${id}/document`, { headers: { authorization: `Bearer ${token}` } });
    const sig = await fetch(`${hub.baseUrl}/v1/certificates/${id}/signature`, { headers: { authorization: `Bearer ${token}` } });
    expect([doc.status, sig.status]).toEqual([200, 200]);
    return { document: Buffer.from(await doc.arrayBuffer()), signature: Buffer.from(await sig.arrayBuffer()) };
  }

  async function anchorPem(code: string): Promise<string> {
    const res = await hub.operator('GET', `/v1/pki/trust-anchors?authority=${code}`);
    expect(res.status).toBe(200);
    return res.body.map((anchor: any) => anchor.certificatePem).join('');
  }

  function opensslVerify(files: { document: Buffer; signature: Buffer | string; caPem: string }, inform = 'DER'): { status: number | null; stderr: string } {
    writeFileSync(join(dir, 'doc.json'), files.document);
    writeFileSync(join(dir, 'sig'), files.signature);
    writeFileSync(join(dir, 'ca.pem'), files.caPem);
    const result = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', inform, '-in', 'sig', '-content', 'doc.json', '-CAfile', 'ca.pem', '-out', '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: result.status, stderr: result.stderr };
  }

  function verifyApi(body: Record<string, unknown>): Promise<any> {
    return hub.operator('POST', '/v1/pki/signatures/verify', body);
  }

  describe('the signature of an issued certificate', () => {
    it('passes `openssl cms -verify` against the authority trust anchor, and one changed byte fails it', async () => {
      const cert = await issued();
      const docRes = await hub.request('GET', `/v1/certificates/${cert.id}/document`, { token: issuer });
      expect(docRes.headers.get('content-type')).toContain('application/json');
      const { document, signature } = await download(cert.id);
      const [row] = await hub.dataSource.query('SELECT canonical_document, signature_cms, signing_key_id FROM certificates WHERE id = $1', [cert.id]);
      expect(document.equals(row.canonical_document)).toBe(true);
      expect(signature.equals(row.signature_cms)).toBe(true);
      expect(row.signing_key_id).toEqual(expect.any(String));
      const caPem = await anchorPem('KH-MOC');

      const ok = opensslVerify({ document, signature, caPem });
      expect(ok.stderr).toContain('Verification successful');
      expect(ok.status).toBe(0);

      const tampered = Buffer.from(document);
      tampered[tampered.indexOf('25000')] = '3'.charCodeAt(0);
      const bad = opensslVerify({ document: tampered, signature, caPem });
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toMatch(/digest failure|Verification failure/);
    });

    it('serves the signature as DER by default and as PEM on request, both accepted by openssl', async () => {
      const cert = await issued();
      const der = await fetch(`${hub.baseUrl}/v1/certificates/${cert.id}/signature`, { headers: { authorization: `Bearer ${issuer}` } });
      expect(der.headers.get('content-type')).toBe('application/pkcs7-signature');
      const pem = await hub.request('GET', `/v1/certificates/${cert.id}/signature`, { token: issuer, headers: { accept: 'application/x-pem-file' } });
      expect(pem.status).toBe(200);
      expect(pem.headers.get('content-type')).toContain('application/x-pem-file');
      expect(pem.text).toMatch(/^-----BEGIN CMS-----\n/);
      const { document } = await download(cert.id);
      expect(opensslVerify({ document, signature: pem.text, caPem: await anchorPem('KH-MOC') }, 'PEM').status).toBe(0);
    });

    it('signs replacements and duplicates too, each with the signing time set to the hub issue time', async () => {
      const original = await issued();
      const replacement = await hub.request('POST', `/v1/certificates/${original.id}/replacement`, {
        token: issuer,
        body: cambodiaToJapan({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: original.certificateNumber }),
      });
      expect(replacement.status).toBe(201);
      const duplicate = await hub.request('POST', `/v1/certificates/${replacement.body.id}/duplicate`, { token: issuer, body: {} });
      expect(duplicate.status).toBe(201);
      for (const cert of [replacement.body, duplicate.body]) {
        const { document, signature } = await download(cert.id);
        expect(opensslVerify({ document, signature, caPem: await anchorPem('KH-MOC') }).status).toBe(0);
        const report = await verifyApi({ authority: 'KH-MOC', documentBase64: document.toString('base64'), signature: signature.toString('base64'), issueTime: cert.issueDateTime });
        expect(report.body).toMatchObject({ valid: true, reasons: [] });
        // The signing-time attribute is the hub's issue time (to the second, as UTCTime carries it).
        expect(new Date(report.body.signingTime).getTime()).toBe(Math.floor(new Date(cert.issueDateTime).getTime() / 1000) * 1000);
      }
    });
  });

  describe('who may read the signed document and its signature', () => {
    it('answers exactly like GET /v1/certificates/{id}, and audits reads by others than the issuer', async () => {
      const cert = await draft(issuer);
      const early = await hub.request('GET', `/v1/certificates/${cert.id}/signature`, { token: issuer });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'CERTIFICATE_NOT_ISSUED', currentStatus: 'DRAFT' });
      expect((await hub.request('GET', `/v1/certificates/${cert.id}/document`, { token: customsJp })).status).toBe(404);

      await hub.request('POST', `/v1/certificates/${cert.id}/issue`, { token: issuer });
      for (const token of [otherIssuer, customsTh]) {
        for (const part of ['document', 'signature']) {
          const res = await hub.request('GET', `/v1/certificates/${cert.id}/${part}`, { token });
          expect(res.status).toBe(404);
          expect(res.body.code).toBe('CERTIFICATE_NOT_FOUND');
        }
      }
      const before = await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_READ'`, [cert.id]);
      await download(cert.id, issuer);
      expect(await hub.count('audit_log', `entity_id = $1 AND action = 'CERTIFICATE_READ'`, [cert.id])).toBe(before);
      await download(cert.id, customsJp);
      const actors = await hub.dataSource.query(`SELECT actor FROM audit_log WHERE entity_id = $1 AND action = 'CERTIFICATE_READ' ORDER BY arrival_no`, [cert.id]);
      expect(actors.map((r: any) => r.actor)).toEqual(['authority:JP-CUSTOMS', 'authority:JP-CUSTOMS']);
      expect((await hub.request('GET', '/v1/certificates/not-a-uuid/signature', { token: issuer })).status).toBe(404);
    });
  });

  describe('issuing needs an active key', () => {
    it('refuses to issue for an authority without an active key, and changes nothing', async () => {
      const keyless = await hub.authority('KH-NOKEY', 'KH', ['ISSUER'], { signingKey: false });
      const cert = await draft(keyless);
      const audits = await hub.count('audit_log');
      const res = await hub.request('POST', `/v1/certificates/${cert.id}/issue`, { token: keyless });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('NO_ACTIVE_SIGNING_KEY');
      expect(res.body.detail).toContain('KH-NOKEY has no active signing key');
      const [row] = await hub.dataSource.query('SELECT status, signature_cms, canonical_document FROM certificates WHERE id = $1', [cert.id]);
      expect(row).toEqual({ status: 'DRAFT', signature_cms: null, canonical_document: null });
      expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'ISSUED'`, [cert.id])).toBe(0);
      expect(await hub.count('audit_log')).toBe(audits);

      await hub.devSigningKey('KH-NOKEY');
      expect((await hub.request('POST', `/v1/certificates/${cert.id}/issue`, { token: keyless })).status).toBe(200);
    });

    it('stops signing at once when the key is revoked, in every process, while earlier certificates stay valid and say so', async () => {
      const token = await hub.authority('KH-REV', 'KH', ['ISSUER']);
      // A second hub process on the same database, its signer cache warmed by an issue of its own.
      const second = await TestHub.start({ withWorkers: false });
      try {
        const before = await issued(token);
        const viaSecond = await second.request('POST', `/v1/certificates/${(await draft(token)).id}/issue`, { token });
        expect(viaSecond.status).toBe(200);
        const [key] = (await hub.operator('GET', '/v1/pki/keys?authority=KH-REV&status=ACTIVE')).body;

        const revoked = await hub.operator('POST', `/v1/pki/keys/${key.id}/revoke`, { reason: 'key compromise' });
        expect(revoked.status).toBe(200);
        expect(revoked.body).toMatchObject({ status: 'REVOKED', revocationReason: 'key compromise' });

        for (const process of [hub, second]) {
          const cert = await draft(token);
          const res = await process.request('POST', `/v1/certificates/${cert.id}/issue`, { token });
          expect(res.status).toBe(409);
          expect(res.body.code).toBe('NO_ACTIVE_SIGNING_KEY');
          expect((await hub.request('GET', `/v1/certificates/${cert.id}`, { token })).body.status).toBe('DRAFT');
        }

        for (const cert of [before, viaSecond.body]) {
          const { document, signature } = await download(cert.id, token);
          const report = await verifyApi({ authority: 'KH-REV', documentBase64: document.toString('base64'), signature: signature.toString('base64'), issueTime: cert.issueDateTime });
          expect(report.status).toBe(200);
          expect(report.body).toMatchObject({ valid: true, reasons: [], revocation: { status: 'REVOKED_AFTER_ISSUE', revocationDate: revoked.body.revokedAt } });
          // A document claiming a later issue time is caught.
          const later = new Date(new Date(revoked.body.revokedAt).getTime() + 1000).toISOString();
          const forged = await verifyApi({ authority: 'KH-REV', documentBase64: document.toString('base64'), signature: signature.toString('base64'), issueTime: later });
          expect(forged.body).toMatchObject({ valid: false, reasons: ['SIGNER_REVOKED_BEFORE_ISSUE'] });
        }
        expect((await hub.operator('POST', `/v1/pki/keys/${key.id}/revoke`, { reason: 'again' })).body.code).toBe('ILLEGAL_KEY_TRANSITION');
      } finally {
        await second.close();
      }
    });

    it('stops signing when the key is retired', async () => {
      const token = await hub.authority('KH-RET', 'KH', ['ISSUER']);
      const before = await issued(token);
      const [key] = (await hub.operator('GET', '/v1/pki/keys?authority=KH-RET')).body;
      expect((await hub.operator('POST', `/v1/pki/keys/${key.id}/retire`)).body.status).toBe('RETIRED');
      const res = await hub.request('POST', `/v1/certificates/${(await draft(token)).id}/issue`, { token });
      expect(res.body.code).toBe('NO_ACTIVE_SIGNING_KEY');
      const { document, signature } = await download(before.id, token);
      const report = await verifyApi({ authority: 'KH-RET', documentBase64: document.toString('base64'), signature: signature.toString('base64'), issueTime: before.issueDateTime });
      expect(report.body.valid).toBe(true);
    });
  });

  describe('the verification service reports why a signature fails', () => {
    let cert: any;
    let document: Buffer;
    let signature: Buffer;
    const check = (overrides: Record<string, unknown>) =>
      verifyApi({ authority: 'KH-MOC', documentBase64: document.toString('base64'), signature: signature.toString('base64'), issueTime: cert.issueDateTime, ...overrides });

    beforeAll(async () => {
      cert = await issued();
      ({ document, signature } = await download(cert.id));
    });

    it('accepts the genuine signature, naming the signer and the anchor', async () => {
      const res = await check({});
      expect(res.body).toMatchObject({ valid: true, reasons: [], revocation: { status: 'NOT_CHECKED' }, signer: { subject: expect.stringContaining('KH-MOC CO signer') } });
      expect(res.body.checks.map((c: any) => c.code)).toEqual(expect.arrayContaining(['STRUCTURE', 'CONTENT_DIGEST', 'SIGNATURE', 'TRUST_CHAIN', 'VALIDITY_AT_ISSUE', 'KEY_USAGE']));
    });

    it('TAMPERED_DOCUMENT for one changed byte', async () => {
      const tampered = Buffer.from(document);
      tampered[10] ^= 1;
      expect((await check({ documentBase64: tampered.toString('base64') })).body).toMatchObject({ valid: false, reasons: ['TAMPERED_DOCUMENT'] });
    });

    it("SIGNER_NOT_EXPECTED for a signature by another authority's key", async () => {
      expect((await check({ authority: 'KH-CCC' })).body).toMatchObject({ valid: false, reasons: ['SIGNER_NOT_EXPECTED'] });
    });

    it('SIGNER_EXPIRED_AT_ISSUE when the issue time lies after the signer certificate', async () => {
      const report = (await check({})).body;
      const after = new Date(new Date(report.signer.notAfter).getTime() + 86_400_000).toISOString();
      expect((await check({ issueTime: after })).body).toMatchObject({ valid: false, reasons: ['SIGNER_EXPIRED_AT_ISSUE'] });
    });

    it('UNTRUSTED_CHAIN for a signature under a CA no one registered', async () => {
      const rogueCa = createDevCa({ commonName: 'KH-MOC development CA (throw-away)', validDays: 30, validFrom: new Date(Date.now() - 86_400_000), keyPair: testKeyPair() });
      const rogue = createDevSigningKey({ ca: rogueCa, subject: { CN: 'KH-MOC CO signer (development)' }, validFrom: new Date(Date.now() - 3_600_000), validTo: new Date(Date.now() + 86_400_000), keyPair: testKeyPair() });
      const forged = new CmsSigner({ signerCertDer: rogue.certDer, privateKey: rogue.privateKey }).sign(document, new Date(cert.issueDateTime));
      expect((await check({ signature: forged.toString('base64') })).body).toMatchObject({ valid: false, reasons: ['UNTRUSTED_CHAIN'] });
    });

    it('MALFORMED_CMS for a truncated or garbled signature, and 422 for one that is not even base64', async () => {
      expect((await check({ signature: signature.subarray(0, signature.length - 40).toString('base64') })).body).toMatchObject({ valid: false, reasons: ['MALFORMED_CMS'] });
      expect((await check({ signature: Buffer.from('not a CMS at all').toString('base64') })).body.reasons).toEqual(['MALFORMED_CMS']);
      const notBase64 = await check({ signature: '***' });
      expect(notBase64.status).toBe(422);
      expect(notBase64.body.violations[0]).toMatchObject({ path: 'signature' });
    });

    it('SIGNER_REVOKED_BEFORE_ISSUE when a CRL dates the revocation before the issue time', async () => {
      const pki = new ExternalPki('KH Chamber PKI');
      const token = await hub.authority('KH-CRL', 'KH', ['ISSUER'], { signingKey: false });
      expect((await hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-CRL', certificatePem: pki.root.certPem })).status).toBe(201);
      const key = pki.signingKey();
      const imported = await hub.operator('POST', '/v1/pki/keys/pkcs12', { authority: 'KH-CRL', pkcs12: pki.pkcs12(key, 'p12 secret').toString('base64'), password: 'p12 secret' });
      expect(imported.status).toBe(201);
      const signed = await issued(token);
      const parts = await download(signed.id, token);
      const issueTime = new Date(signed.issueDateTime);

      const crl = pki.crl([{ certDer: key.certDer, date: new Date(issueTime.getTime() - 60_000) }]);
      const uploaded = await hub.operator('POST', '/v1/pki/crls', { crlBase64: crl.toString('base64') });
      expect(uploaded.status).toBe(201);
      expect(uploaded.body.revokedKeyIds).toEqual([imported.body.id]);

      // The same check through the service the verification use cases share.
      const report = await hub.app.get(SignatureVerificationService).verify({
        owner: { type: KeyOwnerType.AUTHORITY, authorityId: (await hub.dataSource.query(`SELECT id FROM authorities WHERE code = 'KH-CRL'`))[0].id, code: 'KH-CRL' },
        content: parts.document,
        cmsDer: parts.signature,
        issueTime,
      });
      expect(report.valid).toBe(false);
      expect(report.reasons).toEqual(['SIGNER_REVOKED_BEFORE_ISSUE']);
      expect(report.revocation.status).toBe('REVOKED_BEFORE_ISSUE');
      // The hub key the CRL lists is revoked too: the next issue is refused.
      const next = await hub.request('POST', `/v1/certificates/${(await draft(token)).id}/issue`, { token });
      expect(next.body.code).toBe('NO_ACTIVE_SIGNING_KEY');
    });
  });
});
