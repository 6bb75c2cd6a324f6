import { InboundRefusalCode, VerificationResponseAuthority, authoriseVerificationResponse } from './inbound-authorisation';

// Japan's customs opened a case on a copy received from KH-HUB; KH-MOC answers through its node.
const kase = (overrides: Partial<NonNullable<VerificationResponseAuthority['kase']>> = {}): NonNullable<VerificationResponseAuthority['kase']> => ({
  issuingAuthority: 'KH-MOC',
  requestingAuthority: 'JP-CUSTOMS',
  sameCertificate: true,
  open: true,
  requestSentThroughPartner: true,
  certificate: { origin: 'RECEIVED', receivedFrom: 'KH-HUB', documentHash: 'a'.repeat(64), issuingAuthority: 'KH-MOC', importCountry: 'JP' },
  ...overrides,
});
const response = (overrides: Partial<VerificationResponseAuthority> = {}): VerificationResponseAuthority => ({
  partner: { code: 'KH-HUB', countries: ['KH'] },
  from: 'KH-MOC',
  to: 'JP-CUSTOMS',
  signatory: 'KH-MOC',
  kase: kase(),
  ...overrides,
});
const code = (m: VerificationResponseAuthority) => authoriseVerificationResponse(m)?.code ?? null;

describe('who may say what: verification responses', () => {
  it("lets the issuer answer the open case on a received copy through its country's node", () => {
    expect(authoriseVerificationResponse(response())).toBeNull();
  });

  it('refuses an answer to an unknown case, or to a case about a certificate this hub issued', () => {
    expect(code(response({ kase: null }))).toBe(InboundRefusalCode.CASE_UNKNOWN);
    expect(code(response({ kase: kase({ certificate: { ...kase().certificate, origin: 'LOCAL', receivedFrom: null } }) }))).toBe(InboundRefusalCode.CASE_NOT_ON_RECEIVED_COPY);
  });

  it("refuses a node that does not serve the issuer's country, and an answer in another's name or case", () => {
    expect(code(response({ partner: { code: 'VN-HUB', countries: ['VN'] } }))).toBe(InboundRefusalCode.SENDER_NOT_ISSUERS_NODE);
    expect(code(response({ signatory: 'KH-CCI' }))).toBe(InboundRefusalCode.CASE_OF_OTHERS);
    expect(code(response({ to: 'JP-OSAKA-CUSTOMS' }))).toBe(InboundRefusalCode.CASE_OF_OTHERS);
    expect(code(response({ kase: kase({ sameCertificate: false }) }))).toBe(InboundRefusalCode.CASE_OF_OTHERS);
  });

  it('refuses an answer through a node the request never went through', () => {
    expect(code(response({ kase: kase({ requestSentThroughPartner: false }) }))).toBe(InboundRefusalCode.NOT_DELIVERED_TO_SENDER);
  });

  it('refuses an answer to a case that waits for none', () => {
    expect(code(response({ kase: kase({ open: false }) }))).toBe(InboundRefusalCode.CASE_NOT_OPEN);
  });
});
