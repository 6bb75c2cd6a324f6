import { canonicalJson } from '../../core/canonical/canonical-json';
import { AcknowledgementStatus } from '../../exchange/domain/delivery-status';
import { envelopeSha256, receiptClaimsFor } from '../../exchange/receipts/domain/receipt-rules';
import { buildNodeKey, buildReceipt } from '../../exchange/receipts/domain/testing/receipts';
import { readReceipt } from '../../pki/crypto/signed-receipt';
import { Verdict } from '../verify/domain/verification-codes';
import { ReceiptFileReason, verifyReceiptFile } from './offline-receipt';

const ENVELOPE = { specVersion: '1.0', envelopeId: 'env-7', type: 'CO_ISSUED', from: 'KH-MOC', to: 'JP-CUSTOMS', payload: { note: 'rice' }, signature: { algorithm: 'RSA-SHA256', keyId: 'k', value: 'c2ln' } };

describe('ecoo-verify --receipt: a receipt file checked offline', () => {
  let file: string;

  beforeAll(() => {
    const key = buildNodeKey('JP hub node');
    const ack = { status: AcknowledgementStatus.DELIVERED, envelopeId: 'env-7', receivedAt: '2026-12-05T10:00:00.000Z', warnings: [] };
    const receipt = buildReceipt(key, receiptClaimsFor(ack, envelopeSha256(ENVELOPE), new Date(0)));
    const read = readReceipt(receipt);
    if (!read.ok) throw new Error(read.message);
    file = JSON.stringify({ receipt, claims: read.receipt.claims, certificate: key.certPem, envelope: ENVELOPE }, null, 2);
  });

  it('holds as the hub gives it, and says who received what, when', () => {
    const answer = verifyReceiptFile(Buffer.from(file));
    expect(answer).toMatchObject({ verdict: Verdict.VALID, reasons: [], claims: { envelopeId: 'env-7', status: 'DELIVERED', receivedAt: '2026-12-05T10:00:00.000Z' } });
    expect(answer.signer).toContain('JP hub node');
  });

  it('fails after one changed byte in any field: the receipt, the claims shown, the certificate, the envelope', () => {
    const parsed = JSON.parse(file);
    const at = (text: string, marker: string, offset = 0) => text.indexOf(marker) + offset;
    const cases: [string, number][] = [
      ['receipt', at(file, parsed.receipt, 40)],
      ['receipt signature', at(file, parsed.receipt, parsed.receipt.length - 3)],
      ['claims', at(file, '"receivedAt": "2026', 20)],
      ['certificate', at(file, 'BEGIN CERTIFICATE', 120)],
      ['envelope', at(file, '"note": "rice"', 10)],
    ];
    for (const [what, index] of cases) {
      const bytes = Buffer.from(file);
      bytes[index] = bytes[index] === 0x41 ? 0x42 : bytes[index] === 0x30 ? 0x31 : 0x41;
      expect({ what, verdict: verifyReceiptFile(bytes).verdict }).toEqual({ what, verdict: Verdict.INVALID });
    }
  });

  it('names the envelope that is not the one received, and a field it does not know', () => {
    const parsed = JSON.parse(file);
    expect(verifyReceiptFile(Buffer.from(JSON.stringify({ ...parsed, envelope: { ...ENVELOPE, to: 'JP-OTHER' } })))).toMatchObject({ verdict: Verdict.INVALID, reasons: [ReceiptFileReason.ENVELOPE_MISMATCH] });
    expect(verifyReceiptFile(Buffer.from(canonicalJson({ ...parsed, deliveryId: 'd' })))).toMatchObject({ verdict: Verdict.INVALID, reasons: [ReceiptFileReason.NOT_A_RECEIPT_FILE] });
  });
});
