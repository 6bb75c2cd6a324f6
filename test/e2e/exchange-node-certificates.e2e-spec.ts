import { PartnersService } from '../../src/exchange/partners/partners.service';
import { PartnerNode, cancellationOfUnknown, devNodeIdentity, partnerBody } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { ExternalPki } from '../support/pki';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;

// Japan's hub and the partner nodes its operator registers: each node certificate is held to what an
// authority's signing certificate is held to, at registration and again at every envelope.
describe('exchange: partner node certificates are checked like authority certificates', () => {
  const network = new ExternalPki('ASEAN exchange network');
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let counter = 0;

  beforeAll(async () => {
    own = await useOwnDatabase('node_certificates');
    hub = await TestHub.start();
    await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
  });

  afterAll(async () => {
    await hub?.close();
    await own?.restore();
  });

  const register = (certificatePem: string) =>
    hub.operator('POST', '/v1/partners', partnerBody({ code: `KH-NODE-${++counter}`, routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: certificatePem, outboundAuth: { type: 'NONE' } }));
  const refusedFor = (res: { status: number; body: any }) => {
    expect(res.status).toBe(422);
    return res.body.violations.filter((v: { path: string }) => v.path === 'nodeCertificate').map((v: { ruleId: string }) => v.ruleId);
  };
  const envelope = () => cancellationOfUnknown('KH-MOC', 'JP-CUSTOMS');

  it('refuses at registration an expired certificate, one without digitalSignature or keyUsage, and a CA certificate', async () => {
    const expired = network.signingKey({ cn: 'expired node', validFrom: new Date(Date.now() - 400 * DAY_MS), validTo: new Date(Date.now() - DAY_MS) });
    expect(refusedFor(await register(expired.certPem))).toEqual(['CERTIFICATE_EXPIRED']);
    const notYet = network.signingKey({ cn: 'future node', validFrom: new Date(Date.now() + DAY_MS), validTo: new Date(Date.now() + 400 * DAY_MS) });
    expect(refusedFor(await register(notYet.certPem))).toEqual(['CERTIFICATE_NOT_YET_VALID']);
    const noKeyUsage = network.signingKey({ cn: 'node without key usage', keyUsage: null });
    expect(refusedFor(await register(noKeyUsage.certPem))).toEqual(['CERTIFICATE_KEY_USAGE']);
    const encipherOnly = network.signingKey({ cn: 'node for encryption', keyUsage: { keyEncipherment: true } });
    expect(refusedFor(await register(encipherOnly.certPem))).toEqual(['CERTIFICATE_KEY_USAGE']);
    expect(refusedFor(await register(network.issuing.certPem))).toEqual(expect.arrayContaining(['CERTIFICATE_IS_CA']));
    expect(await hub.count('partners')).toBe(0);
  });

  it('holds every node certificate to the node trust anchors once one is registered, and to its CRLs at every envelope', async () => {
    // Before any anchor: a node certificate from any CA is taken as the operator registered it.
    const outsider = devNodeIdentity('outsider node');
    const early = await register(outsider.certificatePem);
    expect(early.status).toBe(201);

    const anchor = await hub.operator('POST', '/v1/pki/trust-anchors', { partnerNodes: true, certificatePem: network.issuing.certPem, label: 'exchange network node CA' });
    expect(anchor.status).toBe(201);
    expect(anchor.body).toMatchObject({ partnerNodes: true, node: false, authority: null });
    expect((await hub.operator('GET', '/v1/pki/trust-anchors?partnerNodes=true')).body.map((a: { id: string }) => a.id)).toEqual([anchor.body.id]);

    expect(refusedFor(await register(devNodeIdentity('another outsider').certificatePem))).toEqual(['CERTIFICATE_UNTRUSTED']);
    const key = network.signingKey({ cn: 'KH exchange node' });
    const member = await register(key.certPem);
    expect(member.status).toBe(201);
    const node = new PartnerNode({ keyPem: network.privateKeyPem(key), certificatePem: key.certPem });
    const send = (token: string, signer: PartnerNode) => hub.request('POST', '/v1/exchange/envelopes', { token, body: signer.sign(envelope()) });
    expect((await send(member.body.inboundToken, node)).status).toBe(200);

    // The partner registered before the anchor now fails at receipt, and the start-up check names it.
    const refusedEarly = await send(early.body.inboundToken, new PartnerNode(outsider));
    expect(refusedEarly.status).toBe(422);
    expect(refusedEarly.body).toMatchObject({ code: 'ENVELOPE_SIGNATURE_INVALID', problem: 'NODE_CERTIFICATE_INVALID', certificateProblems: ['CERTIFICATE_UNTRUSTED'] });

    // The network revokes the member's node certificate: its next envelope is refused.
    const crl = network.crl([{ certDer: key.certDer, date: new Date(Date.now() - 60_000) }]);
    expect((await hub.operator('POST', '/v1/pki/crls', { crlBase64: crl.toString('base64') })).status).toBe(201);
    const revoked = await send(member.body.inboundToken, node);
    expect(revoked.status).toBe(422);
    expect(revoked.body).toMatchObject({ problem: 'NODE_CERTIFICATE_INVALID', certificateProblems: ['CERTIFICATE_REVOKED'] });
    expect(await hub.count('quarantined_envelopes', `partner_id = $1 AND reason = 'SIGNATURE_INVALID'`, [member.body.id])).toBe(1);

    const failing = await hub.app.get(PartnersService).failingNodeCertificates(new Date());
    expect(failing).toEqual([
      { code: early.body.code, problems: ['CERTIFICATE_UNTRUSTED'] },
      { code: member.body.code, problems: ['CERTIFICATE_REVOKED'] },
    ]);
  });
});
