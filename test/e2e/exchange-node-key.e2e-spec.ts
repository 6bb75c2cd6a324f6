import { EnvelopeVerifier } from '../../src/exchange/signing/envelope-verifier';
import { fingerprintSha256, pemToDer } from '../../src/pki/crypto/x509';
import { cambodiaToJapan } from '../fixtures/certificates';
import { deliveriesOf, devNodeIdentity, eventually, forgetNodeIdentity, partnerBody, useNodeIdentity } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { PartnerSimulator } from '../../scripts/partner-simulator/simulator';

jest.setTimeout(120_000);

// The node key the hub signs envelopes with: its ACTIVE NODE key in the pki store when there is one,
// else the configured files (here), else a development key.
describe('exchange: envelopes are signed with the node key of the pki store', () => {
  const fileNode = devNodeIdentity('KH hub node (file)');
  const fileKeyId = fingerprintSha256(pemToDer(fileNode.certificatePem));
  const verifier = new EnvelopeVerifier();
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let simulator: PartnerSimulator;
  let issuer: string;

  beforeAll(async () => {
    own = await useOwnDatabase('node_key');
    useNodeIdentity(fileNode);
    simulator = await PartnerSimulator.start();
    hub = await TestHub.start();
    issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
    const partner = await hub.operator('POST', '/v1/partners', partnerBody({ endpointUrl: simulator.url, retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 } }));
    expect(partner.status).toBe(201);
  });

  afterAll(async () => {
    await hub.close();
    await simulator.close();
    forgetNodeIdentity();
    await own.restore();
  });

  /** Issues a certificate and returns the envelope the partner received for it. */
  async function sentEnvelope(): Promise<any> {
    const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
    expect(created.status).toBe(201);
    expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
    const [delivery] = await eventually('the delivery', () => deliveriesOf(hub, issuer, created.body.id), (ds) => ds.length === 1 && ds[0].status !== 'PENDING');
    expect(delivery.status).toBe('DELIVERED');
    const [request] = simulator.requestsFor(delivery.envelopeId);
    return request.envelope;
  }

  const published = async (): Promise<{ certificate: string; keyId: string }> => (await hub.request('GET', '/v1/exchange/node-certificate')).body;

  it('signs with the configured key while no node key is stored', async () => {
    expect(await published()).toMatchObject({ keyId: fileKeyId, algorithm: 'RSA-SHA256' });
    const envelope = await sentEnvelope();
    expect(envelope.signature.keyId).toBe(fileKeyId);
    expect(verifier.verify(envelope, fileNode.certificatePem)).toEqual({ valid: true });
  });

  it('signs with the stored NODE key once the operator registers one, publishes its certificate, and falls back when it is retired', async () => {
    const equipped = await hub.operator('POST', '/v1/pki/dev-keys', { authorities: [], node: true });
    expect(equipped.status).toBe(200);
    expect(equipped.body.results).toEqual([expect.objectContaining({ node: true, outcome: 'CREATED' })]);
    const stored = (await hub.operator('GET', `/v1/pki/keys/${equipped.body.results[0].keyId}`)).body;
    expect(stored).toMatchObject({ node: true, status: 'ACTIVE' });
    expect(stored.fingerprintSha256).not.toBe(fileKeyId);

    // What partners fetch to register this node is the certificate that signs.
    const identity = await published();
    expect(identity.keyId).toBe(stored.fingerprintSha256);
    expect(fingerprintSha256(pemToDer(identity.certificate))).toBe(stored.fingerprintSha256);

    const signedByStore = await sentEnvelope();
    expect(signedByStore.signature.keyId).toBe(stored.fingerprintSha256);
    expect(verifier.verify(signedByStore, stored.certificatePem)).toEqual({ valid: true });
    expect(verifier.verify(signedByStore, fileNode.certificatePem)).toMatchObject({ valid: false, problem: 'UNKNOWN_KEY' });

    // Retired: the very next envelope is signed with the configured key again, in this process
    // that cached the stored one.
    expect((await hub.operator('POST', `/v1/pki/keys/${stored.id}/retire`)).status).toBe(200);
    expect((await published()).keyId).toBe(fileKeyId);
    const afterRetirement = await sentEnvelope();
    expect(afterRetirement.signature.keyId).toBe(fileKeyId);
    expect(verifier.verify(afterRetirement, fileNode.certificatePem)).toEqual({ valid: true });
  });
});
