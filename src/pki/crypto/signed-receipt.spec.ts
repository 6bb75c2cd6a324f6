import { canonicalJson } from '../../core/canonical/canonical-json';
import { buildNodeKey, buildReceipt, changeOneCharacter } from '../../exchange/receipts/domain/testing/receipts';
import type { DevSigningKey } from './dev-pki';
import { ReceiptProblem, certificateThumbprint, checkReceiptSignature, readReceipt, type ReceiptClaims } from './signed-receipt';

const CLAIMS: ReceiptClaims = {
  envelopeId: '6f1c1c9e-3f0b-4d7e-9a49-0d8f6a1b2c3d',
  envelopeSha256: 'a'.repeat(64),
  status: 'DELIVERED_WITH_WARNINGS',
  reasonCodes: ['CO-HS-001'],
  receivedAt: '2026-12-05T10:00:00.000Z',
};

describe('signed receipts: the format', () => {
  let key: DevSigningKey;
  let other: DevSigningKey;
  let receipt: string;

  beforeAll(() => {
    key = buildNodeKey();
    other = buildNodeKey('Another node');
    receipt = buildReceipt(key, CLAIMS);
  });

  const signer = () => [{ der: key.certDer, publicKey: key.publicKey }];

  it('reads back the claims it signed, and holds under the certificate its header names', () => {
    const read = readReceipt(receipt);
    if (!read.ok) throw new Error(read.message);
    expect(read.receipt.claims).toEqual(CLAIMS);
    expect(read.receipt.certificateThumbprint).toBe(certificateThumbprint(key.certDer));
    expect(checkReceiptSignature(read.receipt, signer())).toMatchObject({ ok: true });
  });

  it('fails after any one changed character, in the header, the claims or the signature', () => {
    const [header, payload] = receipt.split('.');
    for (const index of [3, header.length + 5, header.length + 1 + payload.length + 7, receipt.length - 1]) {
      const read = readReceipt(changeOneCharacter(receipt, index));
      const holds = read.ok && checkReceiptSignature(read.receipt, signer()).ok;
      expect({ index, holds }).toEqual({ index, holds: false });
    }
  });

  it('names a certificate other than the ones held as an unknown key, not as a bad signature', () => {
    const read = readReceipt(buildReceipt(other, CLAIMS));
    if (!read.ok) throw new Error(read.message);
    expect(checkReceiptSignature(read.receipt, signer())).toMatchObject({ ok: false, problem: ReceiptProblem.RECEIPT_UNKNOWN_KEY });
  });

  it('refuses claims that are not in their RFC 8785 form, or not of the receipt shape', () => {
    const [header, , signature] = receipt.split('.');
    const pretty = Buffer.from(JSON.stringify(CLAIMS, null, 1)).toString('base64url');
    expect(readReceipt(`${header}.${pretty}.${signature}`)).toMatchObject({ ok: false, problem: ReceiptProblem.RECEIPT_MALFORMED });
    const extra = Buffer.from(canonicalJson({ ...CLAIMS, note: 'x' })).toString('base64url');
    expect(readReceipt(`${header}.${extra}.${signature}`)).toMatchObject({ ok: false, problem: ReceiptProblem.RECEIPT_MALFORMED });
    expect(readReceipt(`${receipt}=`)).toMatchObject({ ok: false, problem: ReceiptProblem.RECEIPT_MALFORMED });
    expect(readReceipt(42)).toMatchObject({ ok: false, problem: ReceiptProblem.RECEIPT_MALFORMED });
  });
});
