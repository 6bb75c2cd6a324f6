import { CertificateMessageAuthority, HeldCopy, InboundRefusalCode, authoriseCertificateMessage } from './inbound-authorisation';
import { MessageType } from './message-type';

// Japan's hub hears from KH-HUB, the node that serves Cambodia; KH-MOC issues there.
const HASH = 'a'.repeat(64);
const fromKhHub = (held: Partial<HeldCopy> = {}): HeldCopy => ({ origin: 'RECEIVED', receivedFrom: 'KH-HUB', documentHash: HASH, issuingAuthority: 'KH-MOC', importCountry: 'JP', ...held });
const message = (overrides: Partial<CertificateMessageAuthority> = {}): CertificateMessageAuthority => ({
  type: MessageType.CO_ISSUED,
  partner: { code: 'KH-HUB', countries: ['KH', 'TH'] },
  from: 'KH-MOC',
  certificate: { issuingAuthority: 'KH-MOC', documentHash: HASH },
  issuerServedHere: false,
  recipient: { code: 'JP-CUSTOMS', country: 'JP', roles: ['CUSTOMS'] },
  documentImportCountry: 'JP',
  held: null,
  ...overrides,
});
const code = (m: CertificateMessageAuthority) => authoriseCertificateMessage(m)?.code ?? null;

describe('who may say what: certificate messages', () => {
  it("lets the issuer's node bring a new certificate to the importing customs", () => {
    expect(authoriseCertificateMessage(message())).toBeNull();
  });

  it("refuses a node that does not serve the issuer's country, one speaking in another's name, and any claim for an issuer served here", () => {
    expect(code(message({ partner: { code: 'VN-HUB', countries: ['VN'] } }))).toBe(InboundRefusalCode.SENDER_NOT_ISSUERS_NODE);
    expect(code(message({ from: 'KH-CCI' }))).toBe(InboundRefusalCode.FROM_NOT_ISSUER);
    expect(code(message({ issuerServedHere: true }))).toBe(InboundRefusalCode.ISSUER_SERVED_HERE);
  });

  it('refuses a recipient that is not customs of the importing country', () => {
    expect(code(message({ recipient: { code: 'JP-MOC', country: 'JP', roles: ['ISSUER'] } }))).toBe(InboundRefusalCode.RECIPIENT_NOT_IMPORTING_CUSTOMS);
    expect(code(message({ documentImportCountry: 'TH' }))).toBe(InboundRefusalCode.RECIPIENT_NOT_IMPORTING_CUSTOMS);
    // A cancellation carries no document: the held copy's importing country decides.
    expect(code(message({ type: MessageType.CO_CANCELLED, documentImportCountry: null, held: fromKhHub({ importCountry: 'TH' }) }))).toBe(InboundRefusalCode.RECIPIENT_NOT_IMPORTING_CUSTOMS);
  });

  it('never lets a partner touch a certificate this hub issued, or a copy another partner delivered', () => {
    expect(code(message({ type: MessageType.CO_CANCELLED, documentImportCountry: null, held: fromKhHub({ origin: 'LOCAL', receivedFrom: null }) }))).toBe(InboundRefusalCode.CERTIFICATE_HELD_LOCALLY);
    expect(code(message({ type: MessageType.CO_CANCELLED, documentImportCountry: null, held: fromKhHub({ receivedFrom: 'KH-REGIONAL' }) }))).toBe(InboundRefusalCode.CERTIFICATE_FROM_ANOTHER_PARTNER);
    expect(code(message({ type: MessageType.CO_CANCELLED, documentImportCountry: null, held: fromKhHub() }))).toBeNull();
  });

  it('holds a cancellation to the document hash of the copy it cancels', () => {
    expect(code(message({ type: MessageType.CO_CANCELLED, documentImportCountry: null, held: fromKhHub({ documentHash: 'b'.repeat(64) }) }))).toBe(InboundRefusalCode.DOCUMENT_HASH_MISMATCH);
  });

  it("lets a cancellation arrive before its certificate, from the issuer's node", () => {
    expect(code(message({ type: MessageType.CO_CANCELLED, documentImportCountry: null, held: null }))).toBeNull();
    expect(code(message({ type: MessageType.CO_CANCELLED, documentImportCountry: null, held: null, partner: { code: 'VN-HUB', countries: ['VN'] } }))).toBe(InboundRefusalCode.SENDER_NOT_ISSUERS_NODE);
  });

  it("holds a replacement's target to the same partner, issuer and hash", () => {
    const replacing = (target: HeldCopy | null, reference = { issuingAuthority: 'KH-MOC', documentHash: HASH }) =>
      code(message({ type: MessageType.CO_REPLACED, certificate: { issuingAuthority: 'KH-MOC', documentHash: 'c'.repeat(64) }, replaces: { reference, held: target } }));
    expect(replacing(fromKhHub())).toBeNull();
    expect(replacing(null)).toBeNull();
    expect(replacing(fromKhHub({ origin: 'LOCAL', receivedFrom: null }))).toBe(InboundRefusalCode.CERTIFICATE_HELD_LOCALLY);
    expect(replacing(fromKhHub({ receivedFrom: 'KH-REGIONAL' }))).toBe(InboundRefusalCode.CERTIFICATE_FROM_ANOTHER_PARTNER);
    expect(replacing(fromKhHub({ documentHash: 'd'.repeat(64) }))).toBe(InboundRefusalCode.DOCUMENT_HASH_MISMATCH);
    expect(replacing(fromKhHub({ issuingAuthority: 'KH-CCI' }), { issuingAuthority: 'KH-CCI', documentHash: HASH })).toBe(InboundRefusalCode.TARGET_OF_ANOTHER_ISSUER);
  });

  it('says where the message went wrong, for the operator and the sender', () => {
    expect(authoriseCertificateMessage(message({ from: 'KH-CCI' }))).toEqual({ code: InboundRefusalCode.FROM_NOT_ISSUER, path: 'from', message: 'a certificate message comes from its issuing authority KH-MOC, not KH-CCI' });
  });
});
