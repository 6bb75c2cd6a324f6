import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { createDevCa, createDevSigningKey, signCsr } from '../../src/pki/crypto/dev-pki';
import { generateRsaKeyPairSync } from '../../src/pki/crypto/keys';
import { derToPem } from '../../src/pki/crypto/x509';
import { FUZZ_REGRESSIONS, FuzzRegressionReader } from '../fixtures/pki-fuzz-regressions';
import { TestHub } from '../support/hub';
import { BEGIN_LINES_PEM, nastyDer } from '../support/pki-fuzz/nasties';
import { buildFuzzSeeds, FuzzSeeds } from '../support/pki-fuzz/seeds';
import { ExternalPki } from '../support/pki';
import { checkOf, verify, verifyMultipart } from '../support/verification';
import { testKeyPair } from '../support/key-pool';

const DAY_MS = 86_400_000;

// The worst of what fuzzing the pki readers found, posted to the real endpoints: key import (PEM and
// PKCS#12), the certificate that answers a CSR, trust anchors, CRL upload, and the two signature
// verifications. Each answer is a problem+json 4xx with its code (or, for verifications, a verdict
// naming MALFORMED_CMS), never a 500, and nothing is stored.
describe('pki: hostile keys, certificates, CRLs and signatures get their code, never a 500', () => {
  let hub: TestHub;
  let seeds: FuzzSeeds;
  let pki: ExternalPki;
  let pendingKeyId: string;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    seeds = buildFuzzSeeds();
    pki = new ExternalPki('KH Hostile');
    await hub.authority('KH-HOSTILE', 'KH', ['ISSUER'], { signingKey: false });
    expect((await hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-HOSTILE', certificatePem: pki.root.certPem })).status).toBe(201);
    const generated = await hub.operator('POST', '/v1/pki/keys', { authority: 'KH-HOSTILE', keyBits: 2048 });
    expect(generated.status).toBe(201);
    pendingKeyId = generated.body.id;
  });

  afterAll(async () => {
    await hub.close();
  });

  const stored = async (): Promise<number[]> => Promise.all(['signing_keys', 'trust_anchors', 'crls', 'verifications'].map((table) => hub.count(table)));
  const regressions = (reader: FuzzRegressionReader): Buffer[] =>
    FUZZ_REGRESSIONS.filter((regression) => regression.reader === reader).map((regression) => Buffer.concat(Array<Buffer>(regression.repeat ?? 1).fill(Buffer.from(regression.hex, 'hex'))));

  async function expectProblem(request: Promise<any>, status: number, code: string, what: string): Promise<void> {
    const res = await request;
    expect({ what, status: res.status, code: res.body?.code }).toEqual({ what, status, code });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  }

  it('refuses hostile certificates as a CSR answer, an imported key\'s certificate and a trust anchor with MALFORMED_CERTIFICATE', async () => {
    const before = await stored();
    const certificates: [string, Buffer][] = [...nastyDer(seeds.der.certificate), ...regressions('certificate').map((der, index): [string, Buffer] => [`regression ${index}`, der])];
    const key = pki.signingKey();
    for (const [what, der] of certificates) {
      const pem = derToPem(der);
      await expectProblem(hub.operator('POST', `/v1/pki/keys/${pendingKeyId}/certificate`, { certificatePem: pem }), 422, 'MALFORMED_CERTIFICATE', `CSR answer: ${what}`);
      await expectProblem(hub.operator('POST', `/v1/pki/keys/${pendingKeyId}/certificate`, { certificatePem: pki.issuing.certPem, chainPem: pem }), 422, 'MALFORMED_CERTIFICATE', `CSR chain: ${what}`);
      await expectProblem(hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-HOSTILE', certificatePem: pem }), 422, 'MALFORMED_CERTIFICATE', `trust anchor: ${what}`);
      await expectProblem(hub.operator('POST', '/v1/pki/keys/pem', { authority: 'KH-HOSTILE', privateKeyPem: pki.privateKeyPem(key), certificatePem: pem }), 422, 'MALFORMED_CERTIFICATE', `PEM import: ${what}`);
    }
    expect((await hub.operator('GET', `/v1/pki/keys/${pendingKeyId}`)).body.status).toBe('PENDING_CERTIFICATE');
    expect(await stored()).toEqual(before);

    // The key still takes its real certificate afterwards.
    const csrPem = (await hub.operator('GET', `/v1/pki/keys/${pendingKeyId}`)).body.csrPem;
    const issued = signCsr(pki.issuing, csrPem, { validFrom: new Date(Date.now() - DAY_MS), validTo: new Date(Date.now() + 365 * DAY_MS) });
    expect((await hub.operator('POST', `/v1/pki/keys/${pendingKeyId}/certificate`, { certificatePem: issued.certPem, chainPem: pki.issuing.certPem })).status).toBe(200);
  });

  it('refuses hostile private keys: an unreadable one as MALFORMED_PRIVATE_KEY, one asking for 2^31 PBKDF2 rounds as KEY_DERIVATION_TOO_COSTLY', async () => {
    const before = await stored();
    const key = pki.signingKey();
    for (const [what, der] of nastyDer(seeds.der.encryptedPkcs8)) {
      const privateKeyPem = derToPem(der, 'ENCRYPTED PRIVATE KEY');
      await expectProblem(hub.operator('POST', '/v1/pki/keys/pem', { authority: 'KH-HOSTILE', privateKeyPem, certificatePem: key.certPem, passphrase: 'x' }), 422, 'MALFORMED_PRIVATE_KEY', what);
    }
    for (const text of regressions('private-key-pem')) {
      const body = { authority: 'KH-HOSTILE', privateKeyPem: text.toString('latin1'), certificatePem: key.certPem, passphrase: 'x' };
      await expectProblem(hub.operator('POST', '/v1/pki/keys/pem', body), 422, 'KEY_DERIVATION_TOO_COSTLY', 'PBKDF2 2^31 rounds');
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses hostile PKCS#12 files as MALFORMED_PKCS12, and one whose MAC asks for 2^31 rounds as KEY_DERIVATION_TOO_COSTLY', async () => {
    const before = await stored();
    const upload = (der: Buffer, password = 'fuzz password') => hub.operator('POST', '/v1/pki/keys/pkcs12', { authority: 'KH-HOSTILE', pkcs12: der.toString('base64'), password });
    // Without a MAC, whatever the password, the reader gets to every bag: the attacker's way in.
    for (const [what, der] of nastyDer(seeds.der.pkcs12NoMac, { ber: true })) {
      // The second INTEGER of this file is in its first certificate, which is the part refused.
      const code = what.startsWith('an INTEGER') ? 'MALFORMED_CERTIFICATE' : 'MALFORMED_PKCS12';
      await expectProblem(upload(der), 422, code, what);
    }
    // With one, a change inside the authenticated contents is caught before they are read.
    const tampered = Buffer.from(seeds.der.pkcs12Openssl);
    tampered[tampered.length >> 1] ^= 0xff;
    await expectProblem(upload(tampered), 422, 'PKCS12_BAD_PASSWORD', 'a byte changed under the MAC');
    const [costly, ...malformed] = regressions('pkcs12');
    await expectProblem(upload(costly, 'x'), 422, 'KEY_DERIVATION_TOO_COSTLY', 'MAC 2^31 rounds');
    for (const der of malformed) await expectProblem(upload(der, 'x'), 422, 'MALFORMED_PKCS12', 'regression');
    expect(await stored()).toEqual(before);
  });

  it('refuses hostile CRLs as MALFORMED_CRL, and 50,000 BEGIN lines as MALFORMED_PEM', async () => {
    const before = await stored();
    for (const [what, der] of [...nastyDer(seeds.der.crl), ...regressions('crl').map((der): [string, Buffer] => ['regression', der])]) {
      await expectProblem(hub.operator('POST', '/v1/pki/crls', { crlBase64: der.toString('base64') }), 422, 'MALFORMED_CRL', `base64: ${what}`);
      await expectProblem(hub.operator('POST', '/v1/pki/crls', { crlPem: derToPem(der, 'X509 CRL') }), 422, 'MALFORMED_CRL', `PEM: ${what}`);
    }
    await expectProblem(hub.operator('POST', '/v1/pki/crls', { crlPem: BEGIN_LINES_PEM }), 422, 'MALFORMED_PEM', 'BEGIN lines');
    expect(await stored()).toEqual(before);
  });

  it('answers hostile signatures with a MALFORMED_CMS verdict, on POST /v1/verifications (JSON and multipart) and POST /v1/pki/signatures/verify', async () => {
    const document = { certificateNumber: 'TH-2026-000123' };
    const signatures: [string, Buffer][] = [...nastyDer(seeds.der.cms, { ber: true }), ...regressions('verifier').map((der): [string, Buffer] => ['a signer certificate with empty validity times', der])];
    const verificationsBefore = await hub.count('verifications');
    for (const [what, der] of signatures) {
      const json = await verify(hub, { document, signature: der.toString('base64') }, { token: process.env.HUB_ADMIN_TOKEN });
      expect({ what, status: json.status, verdict: json.body.verdict, signature: checkOf(json.body, 'SIGNATURE')?.reason }).toEqual({ what, status: 200, verdict: 'INVALID', signature: 'MALFORMED_CMS' });
      const multipart = await verifyMultipart(hub, { document: Buffer.from(JSON.stringify(document)), signature: der.toString('base64') }, { token: process.env.HUB_ADMIN_TOKEN });
      expect({ what, status: multipart.status, verdict: multipart.body.verdict }).toEqual({ what, status: 200, verdict: 'INVALID' });
      const checked = await hub.operator('POST', '/v1/pki/signatures/verify', { authority: 'KH-HOSTILE', documentBase64: Buffer.from('{}').toString('base64'), signature: der.toString('base64'), issueTime: '2026-03-02T09:30:00Z' });
      expect({ what, status: checked.status, reasons: checked.body.reasons }).toEqual({ what, status: 200, reasons: ['MALFORMED_CMS'] });
    }
    // Each verification is logged as any other; nothing else is stored.
    expect(await hub.count('verifications')).toBe(verificationsBefore + 2 * signatures.length);

    const lines = await verify(hub, { document, signature: BEGIN_LINES_PEM }, { token: process.env.HUB_ADMIN_TOKEN });
    expect({ status: lines.status, code: lines.body.code, rule: lines.body.violations?.[0]?.ruleId }).toEqual({ status: 422, code: 'VALIDATION_FAILED', rule: 'VERIFY-SIG-001' });
    const pkiLines = await hub.operator('POST', '/v1/pki/signatures/verify', { authority: 'KH-HOSTILE', documentBase64: 'e30=', signature: BEGIN_LINES_PEM.slice(0, 900_000), issueTime: '2026-03-02T09:30:00Z' });
    expect({ status: pkiLines.status, code: pkiLines.body.code }).toEqual({ status: 422, code: 'MALFORMED_PEM' });
  });

  it('answers a CMS carrying 15 CAs that all issue one another with an untrusted chain, not an hour of path search', async () => {
    const validFrom = new Date(Date.now() - DAY_MS);
    const shared = generateRsaKeyPairSync(2048);
    const loop = createDevCa({ commonName: 'Loop CA', validDays: 365, validFrom, keyPair: shared });
    const chainDer = Array.from({ length: 15 }, (_, index) => createDevCa({ commonName: 'Loop CA', validDays: 366 + index, validFrom, keyPair: shared, issuer: loop }).certDer);
    const signer = createDevSigningKey({ ca: loop, subject: { CN: 'Loop signer' }, validFrom, validTo: new Date(Date.now() + 365 * DAY_MS), keyPair: testKeyPair() });
    // The document names an authority with a registered anchor, so the chain is searched for and judged.
    const document = { issuingAuthority: 'KH-HOSTILE', certificateNumber: 'KH-LOOP-1' };
    const signature = new CmsSigner({ signerCertDer: signer.certDer, chainDer, privateKey: signer.privateKey }).sign(Buffer.from(JSON.stringify(document)), new Date());

    const res = await verify(hub, { document, signature: signature.toString('base64') }, { token: process.env.HUB_ADMIN_TOKEN });

    expect(res.status).toBe(200);
    expect(res.body.verdict).not.toBe('VALID');
    expect(checkOf(res.body, 'CHAIN')).toMatchObject({ outcome: 'FAIL', reason: 'UNTRUSTED_CHAIN' });
    expect(JSON.stringify(checkOf(res.body, 'CHAIN'))).toContain('no certification path found within 64 steps');
  });
});
