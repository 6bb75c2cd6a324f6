import type { DevSigningKey } from '../../../pki/crypto/dev-pki';
import type { Acknowledgement } from '../../domain/acknowledgement';
import { AcknowledgementStatus } from '../../domain/delivery-status';
import { ReceiptFault, ReceiptPolicy, envelopeSha256, gateAcknowledgement, judgeReceipt, receiptAsked, receiptClaimsFor, signsReceipt } from './receipt-rules';
import { buildNodeKey, buildReceipt } from './testing/receipts';

const RECEIVED_AT = new Date('2026-12-05T10:00:00.000Z');
const ENVELOPE = { specVersion: '1.0', envelopeId: 'env-1', type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', signature: { algorithm: 'RSA-SHA256', keyId: 'k', value: 'c2ln' } };

const acknowledgement = (overrides: Partial<Acknowledgement> = {}): Acknowledgement => ({
  status: AcknowledgementStatus.DELIVERED_NOT_READABLE,
  envelopeId: 'env-1',
  receivedAt: RECEIVED_AT.toISOString(),
  code: 'SENDER_NOT_FROM_COUNTRY',
  warnings: [{ ruleId: 'SENDER_NOT_FROM_COUNTRY', path: 'from', message: 'm' }, { ruleId: 'CO-HS-001', message: 'n' }],
  ...overrides,
});

describe('signed receipts: what is signed, and what the sender accepts', () => {
  let partner: DevSigningKey;
  let stranger: DevSigningKey;

  beforeAll(() => {
    partner = buildNodeKey('JP hub node');
    stranger = buildNodeKey('Not the partner');
  });

  const signedBy = (key: DevSigningKey, ack: Acknowledgement, envelope: unknown = ENVELOPE): Acknowledgement => ({ ...ack, receipt: buildReceipt(key, receiptClaimsFor(ack, envelopeSha256(envelope), RECEIVED_AT)) });
  const judge = (ack: Acknowledgement) => judgeReceipt({ acknowledgement: ack, sentEnvelopeSha256: envelopeSha256(ENVELOPE), certificates: [{ der: partner.certDer, publicKey: partner.publicKey }] });

  it('covers the envelope id, the hash of the whole envelope with its signature, the outcome, its reason codes once each, and the time received', () => {
    expect(receiptClaimsFor(acknowledgement(), envelopeSha256(ENVELOPE), new Date(0))).toEqual({
      envelopeId: 'env-1',
      envelopeSha256: envelopeSha256(ENVELOPE),
      status: 'DELIVERED_NOT_READABLE',
      reasonCodes: ['SENDER_NOT_FROM_COUNTRY', 'CO-HS-001'],
      receivedAt: RECEIVED_AT.toISOString(),
    });
    expect(envelopeSha256({ ...ENVELOPE, signature: { ...ENVELOPE.signature, value: 'c2lh' } })).not.toBe(envelopeSha256(ENVELOPE));
  });

  it("accepts a receipt under the partner's certificate that says what the acknowledgement says", () => {
    expect(judge(signedBy(partner, acknowledgement()))).toMatchObject({ kind: 'SIGNED' });
  });

  it('has no judgement on an acknowledgement without a receipt: the partner decides whether that is enough', () => {
    expect(judge(acknowledgement())).toEqual({ kind: 'UNSIGNED' });
  });

  it('refuses a receipt of other bytes than the envelope sent', () => {
    expect(judge(signedBy(partner, acknowledgement(), { ...ENVELOPE, to: 'JP-OTHER' }))).toMatchObject({ kind: 'INVALID', fault: ReceiptFault.RECEIPT_MISMATCH });
  });

  it('refuses a receipt whose outcome differs from the acknowledgement it came with', () => {
    const receipt = signedBy(partner, acknowledgement({ status: AcknowledgementStatus.DELIVERED, code: undefined, warnings: [] })).receipt;
    expect(judge({ ...acknowledgement(), receipt })).toMatchObject({ kind: 'INVALID', fault: ReceiptFault.RECEIPT_MISMATCH });
  });

  it("refuses a receipt signed under a key other than the partner's node certificate", () => {
    expect(judge(signedBy(stranger, acknowledgement()))).toMatchObject({ kind: 'INVALID', fault: ReceiptFault.RECEIPT_UNKNOWN_KEY });
  });

  it('refuses what cannot be a receipt', () => {
    expect(judge({ ...acknowledgement(), receipt: '' })).toMatchObject({ kind: 'INVALID', fault: ReceiptFault.RECEIPT_MALFORMED });
  });

  it('signs for a partner registered SIGNED, or one that asks; the caller asks only for an authenticated, node-signed request', () => {
    expect([signsReceipt(ReceiptPolicy.SIGNED, false), signsReceipt(ReceiptPolicy.UNSIGNED, true), signsReceipt(ReceiptPolicy.UNSIGNED, false)]).toEqual([true, true, false]);
  });

  it('reads the ask from an RFC 7240 Prefer header among other preferences', () => {
    expect([receiptAsked('receipt=signed'), receiptAsked('respond-async, Receipt="signed"; x=1'), receiptAsked(['wait=5', 'receipt=signed'])]).toEqual([true, true, true]);
    expect([receiptAsked(undefined), receiptAsked('receipt=unsigned'), receiptAsked('x-receipt=signed')]).toEqual([false, false, false]);
  });
});

describe('signed receipts: what an acknowledgement counts for', () => {
  const ack: Acknowledgement = { status: AcknowledgementStatus.DELIVERED, envelopeId: 'env-1', receivedAt: RECEIVED_AT.toISOString(), warnings: [], receipt: 'a.b.c' };
  const acknowledged = { kind: 'ACKNOWLEDGED' as const, acknowledgement: ack, httpStatus: 200 };
  const invalid = { kind: 'INVALID' as const, fault: ReceiptFault.RECEIPT_SIGNATURE_INVALID, message: 'no' };

  it('from a partner registered SIGNED: only with a receipt that holds', () => {
    expect(gateAcknowledgement(acknowledged, ReceiptPolicy.SIGNED, { kind: 'SIGNED', certificate: { der: Buffer.alloc(0), publicKey: undefined as never } })).toBe(acknowledged);
    expect(gateAcknowledgement(acknowledged, ReceiptPolicy.SIGNED, invalid)).toEqual({ kind: 'RECEIPT_INVALID', error: 'receipt invalid RECEIPT_SIGNATURE_INVALID: no', httpStatus: 200 });
    expect(gateAcknowledgement(acknowledged, ReceiptPolicy.SIGNED, { kind: 'UNSIGNED' })).toMatchObject({ kind: 'RECEIPT_INVALID', error: expect.stringMatching(/^receipt invalid RECEIPT_MISSING: /) });
  });

  it('from a partner registered UNSIGNED: as it is, a receipt that does not hold dropped', () => {
    expect(gateAcknowledgement(acknowledged, ReceiptPolicy.UNSIGNED, { kind: 'UNSIGNED' })).toBe(acknowledged);
    const { receipt: _receipt, ...unsigned } = ack;
    expect(gateAcknowledgement(acknowledged, ReceiptPolicy.UNSIGNED, invalid)).toEqual({ ...acknowledged, acknowledgement: unsigned });
  });
});
