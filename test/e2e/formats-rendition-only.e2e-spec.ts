import { createHash, sign } from 'node:crypto';
import { canonicalJson } from '../../src/core/canonical/canonical-json';
import { datasetToEdi3 } from '../../src/dataset/formats/domain/edi3-certificate';
import { datasetToUbl, type IssuedDocument } from '../../src/dataset/formats/domain/ubl-certificate';
import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { createDevCa, createDevSigningKey, type DevSigningKey } from '../../src/pki/crypto/dev-pki';
import { signEnvelopedXml } from '../../src/pki/crypto/xml-dsig';
import { cambodiaToJapan } from '../fixtures/certificates';
import { PartnerNode, devNodeIdentity, issuedDocument, partnerBody, unsignedEnvelope } from '../support/exchange';
import { TestHub } from '../support/hub';
import { useOwnDatabase } from '../support/own-database';
import { testKeyPair } from '../support/key-pool';

const UBL = 'application/vnd.ecoo.ubl+xml';
const EDI3 = 'application/vnd.ecoo.edi3+json';

function signingKey(name: string): { key: DevSigningKey; caPem: string } {
  const ca = createDevCa({ commonName: `${name} CA`, validDays: 30, keyPair: testKeyPair() });
  const key = createDevSigningKey({ ca, subject: { CN: `${name} signing` }, validFrom: new Date(Date.now() - 86_400_000), validTo: new Date(Date.now() + 30 * 86_400_000), keyPair: testKeyPair() });
  return { key, caPem: ca.certPem };
}

// A partner that sends only a rendition, no record: the copy is kept only when the rendition's own
// signature verifies against the issuer's trust anchors, so a partner node cannot fabricate an
// issuer's certificate; otherwise the envelope is acknowledged DELIVERED_NOT_READABLE.
describe('formats: a certificate received as a rendition only', () => {
  const cambodia = new PartnerNode(devNodeIdentity('KH hub node'));
  const issuer = signingKey('KH-MOC');
  const forger = signingKey('KH-MOC forged');
  let own: { restore: () => Promise<void> };
  let hub: TestHub;
  let token: string;
  let customs: string;

  beforeAll(async () => {
    own = await useOwnDatabase('rendition_only');
    hub = await TestHub.start({ withWorkers: false });
    customs = await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    expect((await hub.operator('POST', '/v1/authorities', { code: 'KH-MOC', name: 'KH-MOC', country: 'KH', roles: ['ISSUER'], servedHere: false })).status).toBe(201);
    expect((await hub.operator('POST', '/v1/pki/trust-anchors', { authority: 'KH-MOC', certificatePem: issuer.caPem })).status).toBe(201);
    const partner = await hub.operator(
      'POST',
      '/v1/partners',
      partnerBody({ code: 'KH-HUB', routes: [{ country: 'KH', authority: 'KH-CUSTOMS' }], nodeCertificate: cambodia.identity.certificatePem, outboundAuth: { type: 'NONE' } }),
    );
    expect(partner.status).toBe(201);
    token = partner.body.inboundToken;
  });

  afterAll(async () => {
    await hub.close();
    await own.restore();
  });

  const hashOf = (document: Record<string, unknown>) => createHash('sha256').update(canonicalJson(document)).digest('hex');

  async function ublRendition(document: Record<string, unknown>, by: DevSigningKey): Promise<string> {
    const unsigned = datasetToUbl(document as unknown as IssuedDocument, { signed: true, record: { recordHash: hashOf(document) } });
    return signEnvelopedXml(unsigned, '</sac:SignatureInformation>', async (bytes) => ({ signature: sign('sha256', bytes, by.privateKey), certificateDer: by.certDer, chainDer: by.chainDer }));
  }

  function send(document: Record<string, unknown>, renditions: Array<{ mediaType: string; document: string; signature: string }>) {
    const envelope = unsignedEnvelope({ type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', document, payload: { renditions } });
    return hub.request('POST', '/v1/exchange/envelopes', { token, body: cambodia.sign(envelope) });
  }

  const held = (number: string) => hub.count('certificates', 'certificate_number = $1', [number]);

  it('a UBL rendition signed by the issuer: the copy is kept, its record read out of the rendition, the rendition served as received', async () => {
    const document = issuedDocument(cambodiaToJapan(), 'KH-MOC');
    const xml = await ublRendition(document, issuer.key);
    const signature = /<ds:Signature [\s\S]*<\/ds:Signature>/.exec(xml)?.[0] as string;
    const res = await send(document, [{ mediaType: UBL, document: Buffer.from(xml).toString('base64'), signature: Buffer.from(signature).toString('base64') }]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'DELIVERED_WITH_WARNINGS', warnings: [expect.objectContaining({ ruleId: 'RENDITION', path: 'payload.renditions' })] });
    const copy = (await hub.request('GET', `/v1/certificates?certificateNumber=${document.certificateNumber}`, { token: customs })).body.items[0];
    expect(copy).toMatchObject({ origin: 'RECEIVED', receivedFrom: 'KH-HUB', documentHash: hashOf(document) });
    const record = await hub.request('GET', `/v1/certificates/${copy.id}/document`, { token: customs });
    expect(record.text).toBe(canonicalJson(document));
    const served = await fetch(`${hub.baseUrl}/v1/certificates/${copy.id}/document?format=ubl`, { headers: { authorization: `Bearer ${customs}` } });
    expect(Buffer.from(await served.arrayBuffer()).toString('utf8')).toBe(xml);
  });

  it('an edi3 rendition with the issuer CMS is kept as well', async () => {
    const document = issuedDocument(cambodiaToJapan(), 'KH-MOC');
    const bytes = Buffer.from(canonicalJson(datasetToEdi3(document as unknown as IssuedDocument, { record: { recordHash: hashOf(document) } })));
    const cms = new CmsSigner({ signerCertDer: issuer.key.certDer, chainDer: issuer.key.chainDer, privateKey: issuer.key.privateKey }).sign(bytes, new Date());
    const res = await send(document, [{ mediaType: EDI3, document: bytes.toString('base64'), signature: cms.toString('base64') }]);
    expect(res.body.status).toBe('DELIVERED_WITH_WARNINGS');
    expect(await held(document.certificateNumber as string)).toBe(1);
  });

  it('a rendition the partner node signed itself (not the issuer), or one changed after signing, is DELIVERED_NOT_READABLE and nothing is kept', async () => {
    const forged = issuedDocument(cambodiaToJapan(), 'KH-MOC');
    const forgedXml = await ublRendition(forged, forger.key);
    const refused = await send(forged, [{ mediaType: UBL, document: Buffer.from(forgedXml).toString('base64'), signature: '' }]);
    expect(refused.body.status).toBe('DELIVERED_NOT_READABLE');
    expect(await held(forged.certificateNumber as string)).toBe(0);

    const changed = issuedDocument(cambodiaToJapan(), 'KH-MOC');
    const changedXml = (await ublRendition(changed, issuer.key)).replace('Jasmine rice', 'Jasmine ricE');
    const tampered = await send(changed, [{ mediaType: UBL, document: Buffer.from(changedXml).toString('base64'), signature: '' }]);
    expect(tampered.body.status).toBe('DELIVERED_NOT_READABLE');
    expect(await held(changed.certificateNumber as string)).toBe(0);
  });
});
