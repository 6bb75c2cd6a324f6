import { HeldCopy, ImportingSideMessageAuthority, InboundRefusalCode, authoriseImportingSideMessage } from './inbound-authorisation';

// Cambodia's hub issued KH-MOC's certificate and delivered it to Japan's customs through JP-HUB.
const HASH = 'e'.repeat(64);
const issuedHere: HeldCopy = { origin: 'LOCAL', receivedFrom: null, documentHash: HASH, issuingAuthority: 'KH-MOC', importCountry: 'JP' };
const answer = (overrides: Partial<ImportingSideMessageAuthority> = {}): ImportingSideMessageAuthority => ({
  from: 'JP-CUSTOMS',
  to: 'KH-MOC',
  signatory: 'JP-CUSTOMS',
  documentHash: HASH,
  held: issuedHere,
  deliveredToSenderThroughPartner: true,
  ...overrides,
});
const code = (m: ImportingSideMessageAuthority) => authoriseImportingSideMessage(m)?.code ?? null;

describe('who may say what: customs responses and verification requests', () => {
  it('lets the importing customs the certificate was delivered to answer its issuer', () => {
    expect(authoriseImportingSideMessage(answer())).toBeNull();
  });

  it('refuses an answer about a certificate this hub did not issue, or under another hash', () => {
    expect(code(answer({ held: null }))).toBe(InboundRefusalCode.CERTIFICATE_NOT_ISSUED_HERE);
    expect(code(answer({ held: { ...issuedHere, origin: 'RECEIVED', receivedFrom: 'JP-HUB' } }))).toBe(InboundRefusalCode.CERTIFICATE_NOT_ISSUED_HERE);
    expect(code(answer({ documentHash: 'f'.repeat(64) }))).toBe(InboundRefusalCode.DOCUMENT_HASH_MISMATCH);
  });

  it('refuses one addressed to another authority than the issuer, or signed in another name', () => {
    expect(code(answer({ to: 'KH-CCI' }))).toBe(InboundRefusalCode.RECIPIENT_NOT_ISSUER);
    expect(code(answer({ signatory: 'JP-OSAKA-CUSTOMS' }))).toBe(InboundRefusalCode.SIGNATORY_NOT_SENDER);
  });

  it('refuses customs of another country, and customs the certificate never went to through this partner', () => {
    expect(code(answer({ from: 'TH-CUSTOMS', signatory: 'TH-CUSTOMS' }))).toBe(InboundRefusalCode.SENDER_NOT_IMPORTING_CUSTOMS);
    expect(code(answer({ deliveredToSenderThroughPartner: false }))).toBe(InboundRefusalCode.NOT_DELIVERED_TO_SENDER);
  });
});
