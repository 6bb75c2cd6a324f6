import { AcknowledgementStatus } from './delivery-status';
import { CertificateMessageFacts, acknowledgementOf, certificateMessageOutcome, routingOutcome } from './inbound-acknowledgement';
import { MessageType } from './message-type';

const RECEIVED = new Date('2026-11-27T10:00:00.000Z');
type DocumentFacts = NonNullable<CertificateMessageFacts['document']>;
const good: DocumentFacts = { present: true, hashMatches: true, identityMatches: true, shapeProblems: [], findings: [], signatureProblems: [], heldDifferent: false };
const issued = (document: Partial<DocumentFacts> = {}, rest: Partial<CertificateMessageFacts> = {}): CertificateMessageFacts => ({ type: MessageType.CO_ISSUED, document: { ...good, ...document }, ...rest });

describe('acknowledging a received envelope', () => {
  it('acknowledges a readable, signed, rule-abiding certificate as DELIVERED', () => {
    expect(acknowledgementOf('e-1', RECEIVED, certificateMessageOutcome(issued()))).toEqual({ status: 'DELIVERED', envelopeId: 'e-1', receivedAt: '2026-11-27T10:00:00.000Z', warnings: [] });
  });

  it('keeps, as not readable, an envelope from an authority its sending node does not speak for, or for no one served here', () => {
    expect(routingOutcome({ from: 'KH-MOC', to: 'JP-CUSTOMS', senderOfPartner: false, recipientServedHere: true })).toMatchObject({
      status: AcknowledgementStatus.DELIVERED_NOT_READABLE,
      code: 'SENDER_NOT_FROM_COUNTRY',
      message: 'the sending node does not serve the country of KH-MOC',
      warnings: [{ ruleId: 'SENDER_NOT_FROM_COUNTRY', path: 'from' }],
    });
    expect(routingOutcome({ from: 'KH-MOC', to: 'JP-CUSTOMS', senderOfPartner: true, recipientServedHere: false })).toMatchObject({ code: 'RECIPIENT_NOT_SERVED_HERE', message: 'no authority JP-CUSTOMS is served by this hub' });
    expect(routingOutcome({ from: 'KH-MOC', to: 'JP-CUSTOMS', senderOfPartner: true, recipientServedHere: true })).toBeNull();
  });

  it('keeps, as not readable and with its code, a document that is missing, altered, or of another identity', () => {
    expect(certificateMessageOutcome(issued({ present: false }))).toMatchObject({ code: 'DOCUMENT_MISSING', message: 'payload.document is missing' });
    expect(certificateMessageOutcome(issued({ hashMatches: false }))).toMatchObject({ code: 'DOCUMENT_HASH_MISMATCH', message: 'payload.document does not hash to refersTo.documentHash' });
    expect(certificateMessageOutcome(issued({ identityMatches: false }))).toMatchObject({ status: AcknowledgementStatus.DELIVERED_NOT_READABLE, code: 'DOCUMENT_IDENTITY_MISMATCH' });
  });

  it('states the reason code in the acknowledgement it sends back', () => {
    const outcome = certificateMessageOutcome(issued({ heldDifferent: true }));
    expect(acknowledgementOf('e-2', RECEIVED, outcome)).toMatchObject({ status: 'DELIVERED_NOT_READABLE', envelopeId: 'e-2', code: 'IDENTITY_HELD_WITH_OTHER_DOCUMENT' });
  });

  it('keeps, as not readable and with the shape problems, a document that is not of the common dataset', () => {
    const outcome = certificateMessageOutcome(issued({ shapeProblems: [{ ruleId: 'SHAPE', path: 'payload.document.items', message: 'items must be an array' }] }));
    expect(outcome).toMatchObject({ status: AcknowledgementStatus.DELIVERED_NOT_READABLE, warnings: [{ ruleId: 'SHAPE', path: 'payload.document.items' }] });
  });

  it("keeps the first document when another one arrives under the same identity", () => {
    expect(certificateMessageOutcome(issued({ heldDifferent: true }))).toMatchObject({ status: AcknowledgementStatus.DELIVERED_NOT_READABLE, message: expect.stringContaining('the first is kept') });
  });

  it("stores a certificate whose issuer's signature does not hold, with the reason codes as warnings", () => {
    const outcome = certificateMessageOutcome(issued({ signatureProblems: ['UNTRUSTED_CHAIN'] }));
    expect(outcome).toMatchObject({ status: AcknowledgementStatus.DELIVERED_WITH_WARNINGS, warnings: [{ ruleId: 'UNTRUSTED_CHAIN', path: 'payload.documentSignature' }] });
  });

  it('stores a certificate that breaks a rule at its issue time, with the finding as a warning', () => {
    const finding = { ruleId: 'CO-HS-002', path: 'payload.document.items[0].hsCode', message: 'error: 100630 is not an HS 2022 subheading' };
    expect(certificateMessageOutcome(issued({ findings: [finding] }))).toEqual({ status: AcknowledgementStatus.DELIVERED_WITH_WARNINGS, warnings: [finding] });
  });

  it('warns about a replacement, duplicate or cancellation of a certificate never received, and keeps it', () => {
    expect(certificateMessageOutcome(issued({}, { type: MessageType.CO_REPLACED, earlierCertificateKnown: false }))).toMatchObject({
      status: AcknowledgementStatus.DELIVERED_WITH_WARNINGS,
      warnings: [{ path: 'payload.replaces', message: 'names a certificate this hub never received' }],
    });
    expect(certificateMessageOutcome(issued({}, { type: MessageType.CO_DUPLICATE, earlierCertificateKnown: false })).warnings[0].path).toBe('payload.duplicateOf');
    expect(certificateMessageOutcome({ type: MessageType.CO_CANCELLED, earlierCertificateKnown: false }).status).toBe(AcknowledgementStatus.DELIVERED_WITH_WARNINGS);
    expect(certificateMessageOutcome({ type: MessageType.CO_CANCELLED, earlierCertificateKnown: true }).status).toBe(AcknowledgementStatus.DELIVERED);
  });
});
