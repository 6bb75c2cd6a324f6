import * as forge from 'node-forge';
import { Asn1StructureError, expectSequence, isUniversal, parseAsn1, primitiveBytes, readOid } from './der';
import { PkiCryptoError, PkiCryptoErrorCode } from './pki-crypto.error';

// A password-protected key file names its own key-derivation cost, and the reader pays it before it
// can tell a wrong password from a right one: a PKCS#12 MAC or an encrypted PKCS#8 key asking for
// 2^31 rounds holds an event loop for the better part of an hour. Tools write 2,048 (OpenSSL) to
// 10,000 (Java) rounds; the hub reads files that ask for up to this many, summed over the file.
export const MAX_KDF_ITERATIONS = 1_000_000;
// scrypt's cost N * r * p; OpenSSL writes 16384 * 8 * 1.
export const MAX_SCRYPT_COST = 1 << 22;

export const PbeOid = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  scrypt: '1.3.6.1.4.1.11591.4.11',
} as const;
// PBES1 (RFC 8018 6.1) and the PKCS#12 schemes (RFC 7292 C): params are { salt, iterationCount }.
const PBES1_PREFIX = '1.2.840.113549.1.5.';
const PKCS12_PBE_PREFIX = '1.2.840.113549.1.12.1.';

type Asn1 = forge.asn1.Asn1;
const { Type } = forge.asn1;

export function tooCostly(what: string, rounds: number, limit = MAX_KDF_ITERATIONS, unit = 'key-derivation rounds'): PkiCryptoError {
  const asked = Number.isFinite(rounds) ? String(rounds) : 'an unbounded number of';
  return new PkiCryptoError(PkiCryptoErrorCode.KDF_TOO_COSTLY, `${what} asks for ${asked} ${unit}, more than the ${limit} the hub allows`);
}

// A non-negative INTEGER as a number, or Infinity past 6 octets (far beyond any limit here).
export function count(node: Asn1 | undefined, what: string): number {
  const bytes = primitiveBytes(node, Type.INTEGER, what);
  if (bytes.length === 0 || bytes[0] & 0x80) throw new Asn1StructureError(`${what}: not a positive INTEGER`);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.length - start > 6 ? Infinity : bytes.readUIntBE(start, bytes.length - start);
}

function expectFields(node: Asn1 | undefined, what: string, min: number, max: number): Asn1[] {
  const fields = expectSequence(node, what);
  if (fields.length < min || fields.length > max) throw new Asn1StructureError(`${what}: ${fields.length} fields`);
  return fields;
}

export interface Pbes2Parameters {
  salt: Buffer;
  rounds: number;
  keyLength?: number;
  // hmacWithSHA1 when absent (RFC 8018 A.2).
  prfOid: string;
  cipherOid: string;
  iv: Buffer;
}

export interface PbeAlgorithm {
  oid: string;
  params: Asn1;
  // Key-derivation rounds this algorithm will run (PKCS#12 PBE derives the key and the IV apart).
  rounds: number;
  // PBES2 with PBKDF2, read out for a native decryption.
  pbes2?: Pbes2Parameters;
  // For scrypt, N * r * p instead of rounds.
  scryptCost?: number;
}

const HMAC_WITH_SHA1 = '1.2.840.113549.2.7';

/**
 * A password-based encryption AlgorithmIdentifier with its parameters' shape checked, so that the
 * code that derives and decrypts (node:crypto's, node-forge's, OpenSSL's) only reads what is there.
 */
export function readPbeAlgorithm(algorithm: Asn1 | undefined, what: string): PbeAlgorithm {
  const [oidNode, params] = expectFields(algorithm, what, 1, 2);
  const oid = readOid(oidNode, what);
  if (params === undefined) throw new Asn1StructureError(`${what}: parameters missing`);
  if (oid === PbeOid.pbes2) {
    const [kdf, scheme] = expectFields(params, 'PBES2-params', 2, 2);
    const [kdfOid, kdfParams] = expectFields(kdf, 'keyDerivationFunc', 2, 2);
    const [encOid, ivNode] = expectFields(scheme, 'encryptionScheme', 2, 2);
    const cipherOid = readOid(encOid, 'encryptionScheme');
    const iv = primitiveBytes(ivNode, Type.OCTETSTRING, 'encryptionScheme IV');
    const kdfName = readOid(kdfOid, 'keyDerivationFunc');
    if (kdfName === PbeOid.pbkdf2) {
      // PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount, keyLength OPTIONAL, prf DEFAULT hmacWithSHA1 }
      const fields = expectFields(kdfParams, 'PBKDF2-params', 2, 4);
      const salt = primitiveBytes(fields[0], Type.OCTETSTRING, 'PBKDF2 salt');
      const rounds = count(fields[1], 'PBKDF2 iterationCount');
      let index = 2;
      const keyLength = isUniversal(fields[index], Type.INTEGER) ? count(fields[index++], 'PBKDF2 keyLength') : undefined;
      const prfOid = fields[index] === undefined ? HMAC_WITH_SHA1 : readOid(expectFields(fields[index++], 'PBKDF2 prf', 1, 2)[0], 'PBKDF2 prf');
      if (index !== fields.length) throw new Asn1StructureError('PBKDF2-params: unexpected elements');
      return { oid, params, rounds, pbes2: { salt, rounds, keyLength, prfOid, cipherOid, iv } };
    }
    if (kdfName === PbeOid.scrypt) {
      // scrypt-params ::= SEQUENCE { salt, costParameter, blockSize, parallelizationParameter, keyLength OPTIONAL }
      const fields = expectFields(kdfParams, 'scrypt-params', 4, 5);
      const scryptCost = count(fields[1], 'scrypt N') * count(fields[2], 'scrypt r') * count(fields[3], 'scrypt p');
      return { oid, params, rounds: 0, scryptCost };
    }
    return { oid, params, rounds: 0 };
  }
  if (oid.startsWith(PKCS12_PBE_PREFIX) || oid.startsWith(PBES1_PREFIX)) {
    const [salt, iterations] = expectFields(params, 'PBE params', 2, 2);
    primitiveBytes(salt, Type.OCTETSTRING, 'PBE salt');
    const rounds = count(iterations, 'PBE iterationCount');
    return { oid, params, rounds: oid.startsWith(PKCS12_PBE_PREFIX) ? 2 * rounds : rounds };
  }
  return { oid, params, rounds: 0 };
}

/**
 * Refuses an EncryptedPrivateKeyInfo (RFC 5958 3) whose key derivation costs more than the limits,
 * before OpenSSL runs it. Algorithms not named here are left to OpenSSL, which refuses them.
 */
export function checkEncryptedKeyCost(der: Buffer): void {
  let algorithm: PbeAlgorithm;
  try {
    const [algorithmNode] = expectFields(parseAsn1(der), 'EncryptedPrivateKeyInfo', 2, 2);
    algorithm = readPbeAlgorithm(algorithmNode, 'encryptionAlgorithm');
  } catch (error) {
    throw new PkiCryptoError(PkiCryptoErrorCode.MALFORMED_PEM, `the encrypted private key is not readable: ${(error as Error).message}`, { cause: error });
  }
  if (algorithm.rounds > MAX_KDF_ITERATIONS) throw tooCostly('the encrypted private key', algorithm.rounds);
  if (algorithm.scryptCost !== undefined && !(algorithm.scryptCost <= MAX_SCRYPT_COST)) {
    throw tooCostly('the encrypted private key (scrypt N * r * p)', algorithm.scryptCost, MAX_SCRYPT_COST);
  }
}
