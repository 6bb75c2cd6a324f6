import { AcknowledgementStatus } from './delivery-status';
import { decideAcknowledgement, InboundFacts } from './inbound-acknowledgement';
import { MessageType } from './message-type';

const RECEIVED = new Date('2026-11-27T10:00:00.000Z');
const good = { present: true, hashMatches: true, issuerMatches: true };
const facts = (overrides: Partial<InboundFacts>): InboundFacts => ({
  envelopeId: 'e-1',
  type: MessageType.CO_ISSUED,
  from: 'KH-MOC',
  to: 'JP-CUSTOMS',
  receivedAt: RECEIVED,
  senderOfPartner: true,
  recipientServedHere: true,
  document: good,
  ...overrides,
});

describe('acknowledging a received envelope', () => {
  it('acknowledges a readable certificate for a recipient served here', () => {
    expect(decideAcknowledgement(facts({}))).toEqual({ status: 'DELIVERED', envelopeId: 'e-1', receivedAt: '2026-11-27T10:00:00.000Z', warnings: [] });
  });

  it('keeps, as not readable, an envelope from an authority its sending node does not speak for', () => {
    expect(decideAcknowledgement(facts({ senderOfPartner: false }))).toMatchObject({ status: AcknowledgementStatus.DELIVERED_NOT_READABLE, message: 'the sending node does not serve the country of KH-MOC' });
  });

  it('keeps, as not readable, an envelope for an authority this hub does not serve', () => {
    expect(decideAcknowledgement(facts({ recipientServedHere: false }))).toMatchObject({ status: AcknowledgementStatus.DELIVERED_NOT_READABLE, message: 'no authority JP-CUSTOMS is served by this hub' });
  });

  it('keeps, as not readable, a document that is missing, altered, or of another issuer', () => {
    expect(decideAcknowledgement(facts({ document: { ...good, present: false } })).message).toBe('payload.document is missing');
    expect(decideAcknowledgement(facts({ document: { ...good, hashMatches: false } })).message).toBe('payload.document does not hash to refersTo.documentHash');
    expect(decideAcknowledgement(facts({ document: { ...good, issuerMatches: false } })).status).toBe(AcknowledgementStatus.DELIVERED_NOT_READABLE);
  });

  it('warns about a replacement, duplicate or cancellation of a certificate never received, and keeps it', () => {
    expect(decideAcknowledgement(facts({ type: MessageType.CO_REPLACED, earlierCertificateKnown: false }))).toMatchObject({
      status: AcknowledgementStatus.DELIVERED_WITH_WARNINGS,
      warnings: [{ path: 'payload.replaces', message: 'names a certificate this hub never received' }],
    });
    expect(decideAcknowledgement(facts({ type: MessageType.CO_CANCELLED, document: undefined, earlierCertificateKnown: false })).status).toBe(AcknowledgementStatus.DELIVERED_WITH_WARNINGS);
    expect(decideAcknowledgement(facts({ type: MessageType.CO_CANCELLED, document: undefined, earlierCertificateKnown: true })).status).toBe(AcknowledgementStatus.DELIVERED);
  });

  it('keeps the message types it does not process yet as not readable', () => {
    expect(decideAcknowledgement(facts({ type: MessageType.VERIFICATION_REQUEST, document: undefined })).status).toBe(AcknowledgementStatus.DELIVERED_NOT_READABLE);
  });
});
