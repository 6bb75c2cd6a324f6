import { SignatureCheckMacs } from '../../src/pki/signing/signature-check-macs';
import { cambodiaToJapan } from '../fixtures/certificates';
import { TestHub } from '../support/hub';
import { TEST_MASTER_KEY } from '../support/test-env';
import { issue, verify } from '../support/verification';

// Issue 14, cryptography done once: the hub checks the signature it makes at issue and keeps what it
// found with a MAC under its master key, so that a first verification of the certificate does not
// read the CMS again. The MAC saves work only: the answer is the one a full check gives, and a row
// whose document or signature was changed is judged in full.
describe('the MAC of the hub\'s own signature check', () => {
  let hub: TestHub;
  let issuer: string;
  let customs: string;

  beforeAll(async () => {
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
  });

  afterAll(async () => {
    await hub.close();
  });

  const byReference = (cert: any) => verify(hub, { issuingAuthority: 'KH-MOC', certificateNumber: cert.certificateNumber }, { token: customs });
  const macOf = async (id: string): Promise<string | null> => (await hub.dataSource.query('SELECT signature_check_mac FROM certificates WHERE id = $1', [id]))[0].signature_check_mac;
  const setMac = (id: string, mac: string | null) => hub.dataSource.query('UPDATE certificates SET signature_check_mac = $2 WHERE id = $1', [id, mac]);
  const withoutTime = (body: any) => ({ ...body, verifiedAt: undefined });

  it('is stored with every certificate the hub signs, and the answer from it is the answer of a full check', async () => {
    const cert = await issue(hub, issuer);
    await hub.waitForQueues();
    const mac = await macOf(cert.id);
    expect(mac).toMatch(/^v1\.[0-9a-f]{16}\.\d+\.[0-9a-f]{64}\.[0-9a-f,]*\.[A-Za-z0-9_-]{43}$/);
    const vouched = await byReference(cert);
    expect(vouched.body).toMatchObject({ verdict: 'VALID', signatures: { authority: { valid: true, signer: { fingerprintSha256: (mac as string).split('.')[3] } } } });

    await setMac(cert.id, null);
    const full = await byReference(cert);
    expect(withoutTime(full.body)).toEqual(withoutTime(vouched.body));
    expect(full.body.checks.map((c: any) => c.reason)).toEqual(['DOCUMENT_INTACT', 'SIGNATURE_VALID', 'CHAIN_TRUSTED', 'SIGNER_VALID_AT_ISSUE', 'NOT_REVOKED', 'ISSUED', 'IMPORT_RECEIVED', 'QUANTITY_REMAINING', 'RULES_PASSED']);
  });

  it('is stored with the records issued apart from an issue, a replacement and a certified true copy, and vouches for their own bytes', async () => {
    const original = await issue(hub, issuer);
    const replacement = await hub.request('POST', `/v1/certificates/${original.id}/replacement`, {
      token: issuer,
      body: cambodiaToJapan({ documentFunction: 'REPLACEMENT', replacesCertificateNumber: original.certificateNumber }),
    });
    expect(replacement.status).toBe(201);
    const copy = await hub.request('POST', `/v1/certificates/${replacement.body.id}/duplicate`, { token: issuer, body: {} });
    expect(copy.status).toBe(201);
    await hub.waitForQueues();
    for (const record of [replacement.body, copy.body]) {
      const mac = await macOf(record.id);
      expect(mac).toMatch(/^v1\./);
      const answer = await verify(hub, { issuingAuthority: 'KH-MOC', certificateNumber: record.certificateNumber, copyNumber: record.copyNumber }, { token: customs });
      expect(answer.body).toMatchObject({ verdict: 'VALID', certificate: { id: record.id } });
      await setMac(record.id, null);
      const full = await verify(hub, { issuingAuthority: 'KH-MOC', certificateNumber: record.certificateNumber, copyNumber: record.copyNumber }, { token: customs });
      expect(withoutTime(full.body)).toEqual(withoutTime(answer.body));
    }
  });

  it('is what a verification goes by: a reading the master key vouches for is taken as read', async () => {
    const cert = await issue(hub, issuer);
    const first = await byReference(cert);
    const anchor = first.body.signatures.authority.chain.trustAnchorFingerprintSha256;
    const [, , time, signer, others] = ((await macOf(cert.id)) as string).split('.');
    expect(anchor).not.toBe(signer);
    // Only a holder of the master key can make this: a MAC that says the root CA signed.
    const [row] = await hub.dataSource.query('SELECT canonical_document, signature_cms FROM certificates WHERE id = $1', [cert.id]);
    const reading = { signerFingerprint: anchor, intermediateFingerprints: others ? others.split(',') : [], signingTime: new Date(Number(time)), digestHash: 'sha256' as const };
    await setMac(cert.id, new SignatureCheckMacs({ masterKey: TEST_MASTER_KEY }).issue(row.canonical_document, row.signature_cms, reading));
    const answer = await byReference(cert);
    expect(answer.body.signatures.authority.signer.fingerprintSha256).toBe(anchor);
    expect(answer.body.verdict).not.toBe('VALID');
  });

  it('vouches for nothing once the document in the row is another: the full check finds it tampered', async () => {
    const [a, b] = [await issue(hub, issuer), await issue(hub, issuer)];
    const macA = await macOf(a.id);
    await hub.dataSource.query(
      `UPDATE certificates SET (document, canonical_document, document_hash) = (SELECT document, canonical_document, document_hash FROM certificates WHERE id = $2) WHERE id = $1`,
      [a.id, b.id],
    );
    expect(await macOf(a.id)).toBe(macA);
    const answer = await byReference(a);
    expect(answer.body).toMatchObject({ verdict: 'INVALID', reasons: expect.arrayContaining(['TAMPERED_DOCUMENT']) });
  });

  it('vouches for nothing when moved to another certificate, which is then checked in full', async () => {
    const [a, b] = [await issue(hub, issuer), await issue(hub, issuer)];
    // The local delivery done first, so the two answers compared below see the same import status.
    await hub.waitForQueues();
    await setMac(a.id, await macOf(b.id));
    const answer = await byReference(a);
    expect(answer.body).toMatchObject({ verdict: 'VALID', reasons: [] });
    // The full check of A's own CMS, not B's reading.
    await setMac(a.id, null);
    expect(withoutTime((await byReference(a)).body)).toEqual(withoutTime(answer.body));
  });
});
