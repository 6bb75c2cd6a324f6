import { createDecipheriv, createHmac, createPrivateKey, KeyObject, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import * as forge from 'node-forge';
import {
  Asn1StructureError,
  children,
  encodingOf,
  expectSequence,
  isContext,
  isUniversal,
  parseAsn1,
  primitiveBytes,
  readOid,
  readSmallInteger,
} from './der';
import { count, MAX_KDF_ITERATIONS, Pbes2Parameters, readPbeAlgorithm, tooCostly } from './key-derivation-limits';
import { PkiCryptoError, PkiCryptoErrorCode } from './pki-crypto.error';
import { explicitContent } from './x509-parts';

// PKCS#12 (RFC 7292), read by hand on the bounded ASN.1 tree: node-forge's reader indexes into the
// file without looking (a missing [0] is a TypeError). PBES2 contents are decrypted by node:crypto;
// node-forge is used only for what node:crypto lacks, the PKCS#12 key derivation (MAC, legacy PBE)
// and the legacy ciphers (3DES, RC2-40), on parameters checked first. Every key derivation the file
// asks for is charged to one budget before it runs.

type Asn1 = forge.asn1.Asn1;
const { Type } = forge.asn1;

const Pkcs12Oid = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
} as const;

// RFC 7292 4: the MAC's digest, which also names the PKCS#12 KDF's hash and the key length.
const MAC_DIGESTS: Readonly<Record<string, { hash: string; bytes: number; md: () => forge.md.MessageDigest }>> = {
  '1.3.14.3.2.26': { hash: 'sha1', bytes: 20, md: () => forge.md.sha1.create() },
  '2.16.840.1.101.3.4.2.1': { hash: 'sha256', bytes: 32, md: () => forge.md.sha256.create() },
  '2.16.840.1.101.3.4.2.2': { hash: 'sha384', bytes: 48, md: () => forge.md.sha384.create() },
  '2.16.840.1.101.3.4.2.3': { hash: 'sha512', bytes: 64, md: () => forge.md.sha512.create() },
};

// PBES2 (RFC 8018 A.2, B.2): PRFs and CBC ciphers by OID, as node:crypto names them.
const PRF_HASHES: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const PBES2_CIPHERS: Readonly<Record<string, { name: string; keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

// node-forge's PKCS#12 key derivation runs in JavaScript: a round of it costs about as much as eight
// rounds of OpenSSL's PBKDF2, so it is charged that much against MAX_KDF_ITERATIONS.
export const JS_KDF_ROUND_COST = 8;

// A key, its certificate and a chain are a handful of bags; nested SafeContents bags are rare.
export const MAX_PKCS12_BAGS = 64;
const MAX_SAFE_CONTENTS_NESTING = 4;

export interface Pkcs12Contents {
  keys: KeyObject[];
  certificates: Buffer[];
}

type Pkcs12KeyDerivation = (password: string, salt: forge.util.ByteStringBuffer, id: number, iterations: number, bytes: number, md: forge.md.MessageDigest) => forge.util.ByteStringBuffer;
const pkcs12 = forge.pkcs12 as unknown as { generateKey: Pkcs12KeyDerivation };
type PbeCipher = { update(input: forge.util.ByteStringBuffer): void; finish(): boolean; output: forge.util.ByteStringBuffer };
const pbe = (forge.pki as unknown as { pbe: { getCipher(oid: string, params: Asn1, password: string): PbeCipher } }).pbe;

const malformed = (message: string, cause?: unknown): PkiCryptoError => new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_PKCS12, message, { cause });
const badPassword = (what: string): PkiCryptoError => new PkiCryptoError(PkiCryptoErrorCode.BAD_PASSWORD, `wrong PKCS#12 password (${what})`);

class Pkcs12Reader {
  private rounds = 0;
  private bags = 0;
  readonly contents: Pkcs12Contents = { keys: [], certificates: [] };

  constructor(private readonly password: string) {}

  // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData MacData OPTIONAL }
  read(der: Buffer): void {
    // RFC 7292 allows BER, which some platforms write.
    const [version, authSafe, macData, ...extra] = expectSequence(parseAsn1(der, { ber: true }), 'PFX');
    if (extra.length > 0) throw new Asn1StructureError('PFX: unexpected elements');
    if (readSmallInteger(version, 'version') !== 3) throw new Asn1StructureError('PFX: version must be 3');
    const [contentType, content] = expectSequence(authSafe, 'authSafe');
    if (readOid(contentType, 'authSafe contentType') !== Pkcs12Oid.data) throw malformed('only PKCS#12 files protected by a password (data authSafe) are supported');
    const authSafeBytes = octets(explicitContent(this.context0(content, 'authSafe content'), 'authSafe content'), 'authSafe');
    if (macData !== undefined) this.checkMac(macData, authSafeBytes);
    for (const info of expectSequence(parseAsn1(authSafeBytes, { ber: true }), 'AuthenticatedSafe')) this.readContentInfo(info);
  }

  private context0(node: Asn1 | undefined, what: string): Asn1 {
    if (!isContext(node, 0)) throw new Asn1StructureError(`${what}: [0] missing`);
    return node;
  }

  private charge(rounds: number, what: string): void {
    this.rounds += Math.max(rounds, 1);
    if (!(this.rounds <= MAX_KDF_ITERATIONS)) throw tooCostly(`the PKCS#12 file (${what})`, this.rounds, MAX_KDF_ITERATIONS, 'key-derivation rounds (PBKDF2-equivalent)');
  }

  // MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
  private checkMac(macData: Asn1, authSafe: Buffer): void {
    const [digestInfo, saltNode, iterationsNode, ...extra] = expectSequence(macData, 'MacData');
    if (extra.length > 0) throw new Asn1StructureError('MacData: unexpected elements');
    const [algorithm, digestNode] = expectSequence(digestInfo, 'DigestInfo');
    const digestOid = readOid(expectSequence(algorithm, 'digestAlgorithm')[0], 'digestAlgorithm');
    const digest = MAC_DIGESTS[digestOid];
    if (!digest) throw malformed(`unsupported PKCS#12 MAC digest ${digestOid}`);
    const expected = primitiveBytes(digestNode, Type.OCTETSTRING, 'MAC digest');
    const salt = primitiveBytes(saltNode, Type.OCTETSTRING, 'macSalt');
    const iterations = iterationsNode === undefined ? 1 : count(iterationsNode, 'MAC iterations');
    this.charge(iterations * JS_KDF_ROUND_COST, 'MAC');
    const key = pkcs12.generateKey(this.password, forge.util.createBuffer(salt.toString('latin1')), 3, iterations, digest.bytes, digest.md());
    const actual = createHmac(digest.hash, Buffer.from(key.getBytes(), 'latin1')).update(authSafe).digest();
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw badPassword('the MAC does not verify');
  }

  // ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT }: data (plain) or encryptedData.
  private readContentInfo(info: Asn1): void {
    const [typeNode, content, ...extra] = expectSequence(info, 'ContentInfo');
    if (extra.length > 0) throw new Asn1StructureError('ContentInfo: unexpected elements');
    const type = readOid(typeNode, 'contentType');
    const inner = explicitContent(this.context0(content, 'ContentInfo content'), 'ContentInfo content');
    if (type === Pkcs12Oid.data) return this.readSafeContents(octets(inner, 'data'), 0);
    if (type === Pkcs12Oid.encryptedData) return this.readSafeContents(this.decryptData(inner), 0);
    throw malformed(`unsupported PKCS#12 content type ${type} (only password-protected contents are read)`);
  }

  // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { contentType, algorithm, [0] IMPLICIT encryptedContent } }
  private decryptData(node: Asn1): Buffer {
    const [, encryptedContentInfo] = expectSequence(node, 'EncryptedData');
    const [, algorithm, encrypted] = expectSequence(encryptedContentInfo, 'EncryptedContentInfo');
    return this.decrypt(algorithm, octets(this.context0(encrypted, 'encryptedContent'), 'encryptedContent'), 'encrypted contents');
  }

  private decrypt(algorithmNode: Asn1 | undefined, ciphertext: Buffer, what: string): Buffer {
    const algorithm = readPbeAlgorithm(algorithmNode, `${what} algorithm`);
    if (algorithm.pbes2) {
      this.charge(algorithm.rounds, what);
      return this.decryptPbes2(algorithm.pbes2, ciphertext, what);
    }
    this.charge(algorithm.rounds * JS_KDF_ROUND_COST, what);
    let cipher: PbeCipher;
    try {
      cipher = pbe.getCipher(algorithm.oid, algorithm.params, this.password);
    } catch (error) {
      throw malformed(`${what}: unsupported encryption (${(error as Error).message})`, error);
    }
    cipher.update(forge.util.createBuffer(ciphertext.toString('latin1')));
    if (!cipher.finish()) throw badPassword(`${what} do not decrypt`);
    return Buffer.from(cipher.output.getBytes(), 'latin1');
  }

  // PBES2 passwords are UTF-8 (RFC 9579 2), unlike the BMPString of the PKCS#12 key derivation.
  private decryptPbes2(params: Pbes2Parameters, ciphertext: Buffer, what: string): Buffer {
    const hash = PRF_HASHES[params.prfOid];
    const cipher = PBES2_CIPHERS[params.cipherOid];
    if (!hash || !cipher) throw malformed(`${what}: unsupported PBES2 PRF ${params.prfOid} or cipher ${params.cipherOid}`);
    if (params.keyLength !== undefined && params.keyLength !== cipher.keyLength) throw malformed(`${what}: PBES2 key length ${params.keyLength} does not fit ${cipher.name}`);
    let key: Buffer;
    let decipher;
    try {
      key = pbkdf2Sync(Buffer.from(this.password, 'utf8'), params.salt, params.rounds, cipher.keyLength, hash);
      decipher = createDecipheriv(cipher.name, key, params.iv);
    } catch (error) {
      throw malformed(`${what}: unusable PBES2 parameters (${(error as Error).message})`, error);
    }
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw badPassword(`${what} do not decrypt`);
    }
  }

  // SafeContents ::= SEQUENCE OF SafeBag; SafeBag ::= SEQUENCE { bagId, bagValue [0] EXPLICIT, bagAttributes SET OPTIONAL }
  private readSafeContents(der: Buffer, nesting: number): void {
    for (const bag of expectSequence(parseAsn1(der, { ber: true }), 'SafeContents')) {
      if (++this.bags > MAX_PKCS12_BAGS) throw malformed(`more than ${MAX_PKCS12_BAGS} bags in the PKCS#12 file`);
      const [idNode, valueNode, attributes, ...extra] = expectSequence(bag, 'SafeBag');
      if (extra.length > 0 || (attributes !== undefined && !isUniversal(attributes, Type.SET))) throw new Asn1StructureError('SafeBag: unexpected elements');
      const id = readOid(idNode, 'bagId');
      const value = explicitContent(this.context0(valueNode, 'bagValue'), 'bagValue');
      if (id === Pkcs12Oid.keyBag) this.contents.keys.push(privateKey(encodingOf(value)));
      else if (id === Pkcs12Oid.pkcs8ShroudedKeyBag) this.contents.keys.push(this.shroudedKey(value));
      else if (id === Pkcs12Oid.certBag) this.readCertBag(value);
      else if (id === Pkcs12Oid.safeContentsBag) {
        if (nesting >= MAX_SAFE_CONTENTS_NESTING) throw malformed('SafeContents nested too deep');
        this.readSafeContents(encodingOf(value), nesting + 1);
      }
      // CRL and secret bags, and unknown ones, hold nothing the hub imports.
    }
  }

  // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }
  private shroudedKey(node: Asn1): KeyObject {
    const [algorithm, data, ...extra] = expectSequence(node, 'EncryptedPrivateKeyInfo');
    if (extra.length > 0) throw new Asn1StructureError('EncryptedPrivateKeyInfo: unexpected elements');
    return privateKey(this.decrypt(algorithm, octets(data, 'encryptedData'), 'private key'));
  }

  // CertBag ::= SEQUENCE { certId, certValue [0] EXPLICIT OCTET STRING }: X.509 certificates only.
  private readCertBag(node: Asn1): void {
    const [idNode, valueNode] = expectSequence(node, 'CertBag');
    if (readOid(idNode, 'certId') !== Pkcs12Oid.x509Certificate) return;
    this.contents.certificates.push(octets(explicitContent(this.context0(valueNode, 'certValue'), 'certValue'), 'certValue'));
  }
}

// An OCTET STRING's (or an IMPLICIT [0]'s) contents; BER may cut them into constructed chunks.
function octets(node: Asn1 | undefined, what: string): Buffer {
  if (node === undefined) throw new Asn1StructureError(`${what}: missing`);
  if (typeof node.value === 'string') {
    if (node.tagClass === forge.asn1.Class.UNIVERSAL && node.type !== Type.OCTETSTRING) throw new Asn1StructureError(`${what}: expected an OCTET STRING`);
    return Buffer.from(node.value, 'latin1');
  }
  return Buffer.concat(children(node, what).map((chunk) => primitiveBytes(chunk, Type.OCTETSTRING, `${what} chunk`)));
}

function privateKey(pkcs8: Buffer): KeyObject {
  try {
    return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw malformed('unreadable private key in PKCS#12', error);
  }
}

/** The private keys and certificates of a password-protected PKCS#12 file. */
export function readPkcs12(der: Buffer, password: string): Pkcs12Contents {
  const reader = new Pkcs12Reader(password);
  try {
    reader.read(der);
  } catch (error) {
    if (error instanceof PkiCryptoError) throw error;
    throw malformed(`cannot read PKCS#12: ${(error as Error).message}`, error);
  }
  return reader.contents;
}
