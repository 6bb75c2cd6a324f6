import * as forge from 'node-forge';
import { generateKeyPairSync } from 'node:crypto';
import { parseAsn1 } from './der';
import { checkEncryptedKeyCost, MAX_KDF_ITERATIONS, MAX_SCRYPT_COST, PbeOid, readPbeAlgorithm } from './key-derivation-limits';
import { PkiCryptoErrorCode } from './pki-crypto.error';

// What a password-protected key asks the reader to pay is read before anything is derived.

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const tlv = (tag: number, content: Buffer): Buffer => {
  const length = content.length < 0x80 ? Buffer.from([content.length]) : Buffer.from([0x82, content.length >> 8, content.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
};
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const oid = (dotted: string): Buffer => tlv(0x06, Buffer.from(forge.asn1.oidToDer(dotted).getBytes(), 'latin1'));
const integer = (value: number): Buffer => tlv(0x02, Buffer.from(forge.asn1.integerToDer(value).getBytes(), 'latin1'));
const AES_256_CBC = '2.16.840.1.101.3.4.1.42';

function encryptedKey(algorithm: Buffer): Buffer {
  return seq(algorithm, tlv(0x04, Buffer.alloc(32)));
}
const pbes2 = (kdf: Buffer): Buffer => seq(oid(PbeOid.pbes2), seq(kdf, seq(oid(AES_256_CBC), tlv(0x04, Buffer.alloc(16)))));
const pbkdf2 = (rounds: number): Buffer => seq(oid(PbeOid.pbkdf2), seq(tlv(0x04, Buffer.alloc(8)), integer(rounds)));
const scrypt = (n: number, r: number, p: number): Buffer => seq(oid(PbeOid.scrypt), seq(tlv(0x04, Buffer.alloc(8)), integer(n), integer(r), integer(p)));

const withCode = (code: PkiCryptoErrorCode) => expect.objectContaining({ name: 'PkiCryptoError', code });

describe('key derivation limits', () => {
  it('reads the rounds of PBES2 with PBKDF2, and twice the rounds of a PKCS#12 PBE (key and IV)', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string)));
    const read = (algorithm: 'aes256' | '3des', count: number) => {
      const der = Buffer.from(forge.asn1.toDer(forge.pki.encryptPrivateKeyInfo(info, 'pw', { algorithm, count })).getBytes(), 'latin1');
      return readPbeAlgorithm((parseAsn1(der).value as forge.asn1.Asn1[])[0], 'encryptionAlgorithm').rounds;
    };

    expect(read('aes256', 7)).toBe(7);
    expect(read('3des', 7)).toBe(14);
  });

  it(`lets OpenSSL run a key asking for ${MAX_KDF_ITERATIONS} rounds, and refuses one more`, () => {
    expect(() => checkEncryptedKeyCost(encryptedKey(pbes2(pbkdf2(MAX_KDF_ITERATIONS))))).not.toThrow();
    expect(() => checkEncryptedKeyCost(encryptedKey(pbes2(pbkdf2(MAX_KDF_ITERATIONS + 1))))).toThrow(withCode(PkiCryptoErrorCode.KDF_TOO_COSTLY));
  });

  it('refuses an iteration count of more than 6 octets as unbounded, without reading it as a number', () => {
    const huge = seq(oid(PbeOid.pbkdf2), seq(tlv(0x04, Buffer.alloc(8)), tlv(0x02, hex('7fffffffffffffffff'))));

    expect(() => checkEncryptedKeyCost(encryptedKey(pbes2(huge)))).toThrow(/asks for an unbounded number of key-derivation rounds/);
  });

  it(`refuses scrypt parameters costing more than N * r * p = ${MAX_SCRYPT_COST}`, () => {
    expect(() => checkEncryptedKeyCost(encryptedKey(pbes2(scrypt(16384, 8, 1))))).not.toThrow();
    expect(() => checkEncryptedKeyCost(encryptedKey(pbes2(scrypt(1 << 20, 8, 1))))).toThrow(withCode(PkiCryptoErrorCode.KDF_TOO_COSTLY));
    expect(() => checkEncryptedKeyCost(encryptedKey(pbes2(scrypt(16384, 8, 1 << 20))))).toThrow(withCode(PkiCryptoErrorCode.KDF_TOO_COSTLY));
  });

  it('refuses PBE parameters of the wrong shape as MALFORMED_PEM before OpenSSL reads them', () => {
    const noIterations = seq(oid(PbeOid.pbkdf2), seq(tlv(0x04, Buffer.alloc(8))));
    const negative = seq(oid(PbeOid.pbkdf2), seq(tlv(0x04, Buffer.alloc(8)), tlv(0x02, hex('ff'))));

    expect(() => checkEncryptedKeyCost(encryptedKey(pbes2(noIterations)))).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_PEM));
    expect(() => checkEncryptedKeyCost(encryptedKey(pbes2(negative)))).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_PEM));
    expect(() => checkEncryptedKeyCost(hex('3000'))).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_PEM));
  });
});
