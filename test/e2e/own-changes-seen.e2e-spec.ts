import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { cambodiaToJapan } from '../fixtures/certificates';
import { PartnerNode, cancellationOfUnknown, partnerBody } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { ExternalPki } from '../support/pki';

jest.setTimeout(120_000);

// Each process keeps trust anchors, CRLs and its keys' revocations until a change notice says they
// changed. The notice comes on a connection of its own, and can reach the process that made the change
// after that change's answer: the operator's next request, in the same process, must already be judged
// on the change. Here the notices are held back (TestHub.holdNotices) while the operator acts.
describe('trust changes: the process that made one judges by it at once, before its change notice', () => {
  const network = new ExternalPki('ASEAN exchange network');
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let issuer: string;

  beforeAll(async () => {
    own = await useOwnDatabase('own_changes_seen');
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
  });

  afterAll(async () => {
    await hub?.close();
    await own?.restore();
  });

  async function issued(token = issuer): Promise<{ id: string; issueDateTime: string }> {
    const created = await hub.request('POST', '/v1/certificates', { token, body: cambodiaToJapan() });
    const res = await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function download(id: string, token = issuer): Promise<{ document: Buffer; signature: Buffer }> {
    const get = async (part: string) => Buffer.from(await (await fetch(`${hub.baseUrl}/v1/certificates/${id}/${part}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer());
    return { document: await get('document'), signature: await get('signature') };
  }

  const verify = (body: Record<string, unknown>) => hub.operator('POST', '/v1/pki/signatures/verify', body);

  it("a key revoked here: the next verification says so, though the revocation's notice is held back", async () => {
    const token = await hub.authority('KH-REV', 'KH', ['ISSUER']);
    const cert = await issued(token);
    const { document, signature } = await download(cert.id, token);
    const [key] = (await hub.operator('GET', '/v1/pki/keys?authority=KH-REV&status=ACTIVE')).body;
    const claimingLater = () =>
      verify({ authority: 'KH-REV', documentBase64: document.toString('base64'), signature: signature.toString('base64'), issueTime: new Date(Date.now() + 60_000).toISOString() });
    // Read once, so this process keeps the key's revocation status (none).
    expect((await claimingLater()).body).toMatchObject({ valid: true, reasons: [] });

    const notices = hub.holdNotices();
    try {
      expect((await hub.operator('POST', `/v1/pki/keys/${key.id}/revoke`, { reason: 'key compromise' })).status).toBe(200);
      const report = (await claimingLater()).body;
      // The change did send its notice, and this process has not applied it: it is held here.
      await notices.arrived();
      expect(report).toMatchObject({ valid: false, reasons: ['SIGNER_REVOKED_BEFORE_ISSUE'], revocation: { status: 'REVOKED_BEFORE_ISSUE' } });
    } finally {
      notices.release();
    }
  });

  it("a trust anchor registered here: the next verification chains to it, though the registration's notice is held back", async () => {
    const pki = new ExternalPki('KH Chamber PKI');
    await hub.authority('KH-CHAMBER', 'KH', ['ISSUER'], { signingKey: false });
    const cert = await issued();
    const { document } = await download(cert.id);
    // A signature by a key of a CA no one registered yet.
    const key = pki.signingKey();
    const cms = new CmsSigner({ signerCertDer: key.certDer, chainDer: [pki.issuing.certDer], privateKey: key.privateKey }).sign(document, new Date(cert.issueDateTime));
    const check = () => verify({ authority: 'KH-CHAMBER', documentBase64: document.toString('base64'), signature: cms.toString('base64'), issueTime: cert.issueDateTime });
    expect((await check()).body).toMatchObject({ valid: false, reasons: ['UNTRUSTED_CHAIN'] });

    const notices = hub.holdNotices();
    try {
      expect((await hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-CHAMBER', certificatePem: pki.root.certPem })).status).toBe(201);
      const report = (await check()).body;
      // The change did send its notice, and this process has not applied it: it is held here.
      await notices.arrived();
      expect(report).toMatchObject({ valid: true, reasons: [] });
    } finally {
      notices.release();
    }
  });

  it("a CRL registered here revokes a partner's node certificate: its next envelope is refused, though the CRL's notice is held back", async () => {
    expect((await hub.operator('POST', '/v1/pki/trust-anchors', { partnerNodes: true, certificatePem: network.issuing.certPem, label: 'exchange network node CA' })).status).toBe(201);
    const nodeKey = network.signingKey({ cn: 'KH exchange node' });
    const partner = await hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'KH-NODE', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: nodeKey.certPem, outboundAuth: { type: 'NONE' } }),
    );
    expect(partner.status).toBe(201);
    const node = new PartnerNode({ keyPem: network.privateKeyPem(nodeKey), certificatePem: nodeKey.certPem });
    const send = () =>
      hub.request('POST', '/v1/exchange/envelopes', {
        token: partner.body.inboundToken,
        body: node.sign(cancellationOfUnknown('KH-MOC', 'JP-CUSTOMS')),
      });
    // Received once, so this process keeps the current CRLs (none of this network's).
    expect((await send()).status).toBe(200);

    const notices = hub.holdNotices();
    try {
      const crl = network.crl([{ certDer: nodeKey.certDer, date: new Date(Date.now() - 60_000) }]);
      expect((await hub.operator('POST', '/v1/pki/crls', { crlBase64: crl.toString('base64') })).status).toBe(201);
      const refused = await send();
      // The change did send its notice, and this process has not applied it: it is held here.
      await notices.arrived();
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ problem: 'NODE_CERTIFICATE_INVALID', certificateProblems: ['CERTIFICATE_REVOKED'] });
    } finally {
      notices.release();
    }
  });
});
