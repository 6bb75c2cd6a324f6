import * as forge from 'node-forge';
import { createCipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { createDevCa, createDevSigningKey, DevSigningKey } from './dev-pki';
import { MAX_KDF_ITERATIONS, PbeOid } from './key-derivation-limits';
import { parsePkcs12 } from './keys';
import { MAX_PKCS12_BAGS, readPkcs12 } from './pkcs12-reader';
import { PkiCryptoErrorCode } from './pki-crypto.error';
import { testKeyPair } from '../../../test/support/key-pool';

// The PKCS#12 reader on files built here piece by piece: BER as some platforms write it, and files
// whose cost or size is what an attacker would choose. The common files (OpenSSL 3, legacy 3DES,
// without a key) are in keys.spec.ts.

const PASSWORD = 'p12 password';
const VALID_FROM = new Date('2026-01-01T00:00:00Z');

function header(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const content = Buffer.concat(parts);
  return Buffer.concat([header(tag, content.length), content]);
};
// BER: the same, with an indefinite length closed by end-of-contents.
const indefinite = (tag: number, ...parts: Buffer[]): Buffer => Buffer.concat([Buffer.from([tag, 0x80]), ...parts, Buffer.alloc(2)]);
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
const oid = (dotted: string): Buffer => tlv(0x06, Buffer.from(forge.asn1.oidToDer(dotted).getBytes(), 'latin1'));
const integer = (value: number): Buffer => tlv(0x02, Buffer.from(forge.asn1.integerToDer(value).getBytes(), 'latin1'));
const octets = (value: Buffer): Buffer => tlv(0x04, value);

const Oid = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  sha1: '1.3.14.3.2.26',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  certBag: '1.2.840.113549.1.12.10.1.3',
  secretBag: '1.2.840.113549.1.12.10.1.5',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
};

const contentInfo = (type: string, content: Buffer): Buffer => seq(oid(type), tlv(0xa0, content));
const bag = (type: string, value: Buffer): Buffer => seq(oid(type), tlv(0xa0, value));

// MacData with one round of the PKCS#12 KDF and HMAC-SHA1 over the authSafe's content.
function macData(authSafe: Buffer): Buffer {
  const salt = Buffer.alloc(8, 7);
  const generateKey = (forge.pkcs12 as unknown as { generateKey(...args: unknown[]): forge.util.ByteStringBuffer }).generateKey;
  const key = generateKey(PASSWORD, forge.util.createBuffer(salt.toString('latin1')), 3, 1, 20, forge.md.sha1.create());
  const digest = createHmac('sha1', Buffer.from(key.getBytes(), 'latin1')).update(authSafe).digest();
  return seq(seq(seq(oid(Oid.sha1), Buffer.from([0x05, 0x00])), octets(digest)), octets(salt), integer(1));
}

function pfx(contentInfos: Buffer[], withMac = true): Buffer {
  const authSafe = seq(...contentInfos);
  return seq(integer(3), contentInfo(Oid.data, octets(authSafe)), ...(withMac ? [macData(authSafe)] : []));
}

// EncryptedData under PBES2, PBKDF2-SHA1 with `rounds`, AES-256-CBC, holding `safeContents`.
function encryptedData(safeContents: Buffer, rounds: number): Buffer {
  const salt = Buffer.alloc(8, 1);
  const iv = Buffer.alloc(16, 2);
  const key = pbkdf2Sync(PASSWORD, salt, rounds, 32, 'sha1');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = Buffer.concat([cipher.update(safeContents), cipher.final()]);
  const algorithm = seq(oid(PbeOid.pbes2), seq(seq(oid(PbeOid.pbkdf2), seq(octets(salt), integer(rounds))), seq(oid(Oid.aes256Cbc), octets(iv))));
  return contentInfo(Oid.encryptedData, seq(integer(0), seq(oid(Oid.data), algorithm, tlv(0x80, ciphertext))));
}

const withCode = (code: PkiCryptoErrorCode) => expect.objectContaining({ name: 'PkiCryptoError', code });

describe('readPkcs12', () => {
  let key: DevSigningKey;
  let keyBag: Buffer;
  let certBag: Buffer;

  beforeAll(() => {
    const ca = createDevCa({ commonName: 'P12 CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    key = createDevSigningKey({ ca, subject: { CN: 'P12 Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
    keyBag = bag(Oid.keyBag, key.privateKey.export({ type: 'pkcs8', format: 'der' }));
    certBag = bag(Oid.certBag, seq(oid(Oid.x509Certificate), tlv(0xa0, octets(key.certDer))));
  });

  it('reads a file built here as the reference (DER, MAC, plain bags)', () => {
    const imported = parsePkcs12(pfx([contentInfo(Oid.data, octets(seq(keyBag, certBag)))]), PASSWORD);

    expect(imported.certDer.equals(key.certDer)).toBe(true);
  });

  it('reads BER as some platforms write it: indefinite lengths and an authSafe cut into chunks', () => {
    const authSafe = seq(contentInfo(Oid.data, octets(seq(keyBag, certBag))));
    const chunks = indefinite(0x24, octets(authSafe.subarray(0, 100)), octets(authSafe.subarray(100)));
    const ber = indefinite(0x30, integer(3), indefinite(0x30, oid(Oid.data), indefinite(0xa0, chunks)), macData(authSafe));

    expect(parsePkcs12(ber, PASSWORD).certDer.equals(key.certDer)).toBe(true);
  });

  it('refuses a wrong password by the MAC before reading any bag', () => {
    const file = pfx([contentInfo(Oid.data, octets(seq(keyBag, certBag)))]);

    expect(() => readPkcs12(file, 'not the password')).toThrow(withCode(PkiCryptoErrorCode.BAD_PASSWORD));
  });

  it(`sums the key-derivation rounds over the file and stops past ${MAX_KDF_ITERATIONS}`, () => {
    const rounds = MAX_KDF_ITERATIONS / 2;
    const file = pfx([encryptedData(seq(certBag), rounds), encryptedData(seq(keyBag), rounds)]);

    // The MAC (1 round at 8) and the first contents (500000) run; the second would bring the total past the limit.
    expect(() => readPkcs12(file, PASSWORD)).toThrow(/\(encrypted contents\) asks for 1000008 key-derivation rounds/);
    expect(() => readPkcs12(file, PASSWORD)).toThrow(withCode(PkiCryptoErrorCode.KDF_TOO_COSTLY));
  });

  it(`refuses more than ${MAX_PKCS12_BAGS} bags`, () => {
    const secrets = Array.from({ length: MAX_PKCS12_BAGS + 1 }, () => bag(Oid.secretBag, seq(oid(Oid.data), tlv(0xa0, octets(Buffer.alloc(1))))));

    expect(() => readPkcs12(pfx([contentInfo(Oid.data, octets(seq(...secrets)))], false), PASSWORD)).toThrow(/more than 64 bags/);
  });

  it('refuses SafeContents bags nested more than 4 deep', () => {
    let contents = seq(keyBag);
    for (let level = 0; level < 6; level++) contents = seq(bag(Oid.safeContentsBag, contents));

    expect(() => readPkcs12(pfx([contentInfo(Oid.data, octets(contents))]), PASSWORD)).toThrow(/SafeContents nested too deep/);
  });

  it('refuses a file without a password-protected authSafe, or with a bag value missing, as MALFORMED_PKCS12', () => {
    const signedAuthSafe = seq(integer(3), contentInfo('1.2.840.113549.1.7.2', seq()));
    const emptyBag = pfx([contentInfo(Oid.data, octets(seq(seq(oid(Oid.keyBag)))))], false);

    expect(() => readPkcs12(signedAuthSafe, PASSWORD)).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_PKCS12));
    expect(() => readPkcs12(emptyBag, PASSWORD)).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_PKCS12));
  });
});
