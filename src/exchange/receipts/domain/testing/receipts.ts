import { sign } from 'node:crypto';
import { assembleReceipt, receiptSigningInput, type ReceiptClaims } from '../../../../pki/crypto/signed-receipt';
import { createDevCa, createDevSigningKey, type DevSigningKey } from '../../../../pki/crypto/dev-pki';
import { fingerprintSha256 } from '../../../../pki/crypto/x509';
import { testKeyPair } from '../../../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');

/** A node key and certificate, as a partner hub holds one. */
export function buildNodeKey(cn = 'KH hub node'): DevSigningKey {
  const ca = createDevCa({ commonName: `${cn} CA`, validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
  return createDevSigningKey({ ca, subject: { CN: cn }, validFrom: VALID_FROM, validTo: new Date('2030-01-01T00:00:00Z'), keyPair: testKeyPair() });
}

/** A receipt of these claims signed with `key`, as a receiving hub makes one. */
export function buildReceipt(key: DevSigningKey, claims: ReceiptClaims): string {
  const input = receiptSigningInput(claims, fingerprintSha256(key.certDer));
  return assembleReceipt(input, sign('sha256', Buffer.from(input, 'ascii'), key.privateKey));
}

/** The character at `index` replaced by another of the same alphabet. */
export function changeOneCharacter(text: string, index: number): string {
  const swapped = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${swapped}${text.slice(index + 1)}`;
}
