import fc from 'fast-check';
import { readNodeCertificate } from '../../../src/exchange/partners/node-certificate';
import { CmsFormatError, parseCmsSignature } from '../../../src/pki/crypto/cms-parser';
import { CmsReasonCode, CmsVerification } from '../../../src/pki/crypto/cms-verification';
import { verifyDetachedCms } from '../../../src/pki/crypto/cms-verifier';
import { parseCrl } from '../../../src/pki/crypto/crl';
import { Asn1StructureError, encodingOf, parseAsn1 } from '../../../src/pki/crypto/der';
import { parsePemBundle, parsePkcs12 } from '../../../src/pki/crypto/keys';
import { PkiCryptoError, PkiCryptoErrorCode } from '../../../src/pki/crypto/pki-crypto.error';
import { derToPem, ParsedCertificate, parseCertificate, pemBlocks } from '../../../src/pki/crypto/x509';
import { asInputProblem, PkiError, PkiErrorCode } from '../../../src/pki/pki.error';
import { readSigningCertificate } from '../../../src/pki/services/certificate-input';
import { toVerificationView } from '../../../src/pki/services/signature-check.service';
import { readSignature } from '../../../src/verification/verify/domain/verification-input';
import { mutatedCase, mutatedPem, randomDer } from './mutations';
import { FUZZ_CONTENT, FUZZ_ISSUE_TIME, FUZZ_PASSWORD, FuzzSeeds } from './seeds';

// Every reader of outside input, with what it may answer. A reader refuses bad input with its own
// coded error only: a TypeError, RangeError or stack overflow anywhere in the error's cause chain
// means the reader ran into the input instead of checking it, even when an outer catch turned that
// into a code. The verifier never throws. What a reader accepts must be usable: dates that are dates.

export class PropertyViolation extends Error {
  override readonly name = 'PropertyViolation';
}

export interface FuzzTarget<T = unknown> {
  name: string;
  input: (seeds: FuzzSeeds) => fc.Arbitrary<T>;
  check: (seeds: FuzzSeeds, input: T) => void;
}

const CRASHES = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError];

function crashIn(error: unknown): Error | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (CRASHES.some((kind) => current instanceof kind) || /call stack/i.test(current.message)) return current;
  }
  return undefined;
}

function describe(error: unknown): string {
  const chain: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    chain.push(`${current.name}${code ? `(${String(code)})` : ''}: ${current.message.slice(0, 160)}`);
  }
  return chain.length > 0 ? chain.join(' <- ') : String(error);
}

/** Runs a reader; a refusal must pass `accepted` and carry no crash; an answer must pass `valid`. */
function expectRefusalOnly<T>(run: () => T, accepted: (error: unknown) => boolean, valid: (value: T) => void = () => undefined): void {
  let value: T;
  try {
    value = run();
  } catch (error) {
    if (error instanceof PropertyViolation) throw error;
    const crash = crashIn(error);
    if (crash) throw new PropertyViolation(`crashed instead of refusing: ${describe(error)}\n${crash.stack ?? ''}`);
    if (!accepted(error)) throw new PropertyViolation(`refused with an unexpected error: ${describe(error)}`);
    return;
  }
  valid(value);
}

const cryptoCode = (...codes: PkiCryptoErrorCode[]) => (error: unknown): boolean => error instanceof PkiCryptoError && codes.includes(error.code);

function validDate(date: Date | undefined, what: string): void {
  if (date !== undefined && !(date instanceof Date && Number.isFinite(date.getTime()))) throw new PropertyViolation(`${what} is not a valid date`);
}

function validCertificate(cert: ParsedCertificate): void {
  validDate(cert.notBefore, 'notBefore');
  validDate(cert.notAfter, 'notAfter');
  if (!/^[0-9a-f]+$/.test(cert.serialNumberHex)) throw new PropertyViolation(`serial ${cert.serialNumberHex} is not hex`);
  if (typeof cert.subject.text !== 'string' || typeof cert.issuer.matchKey !== 'string') throw new PropertyViolation('names are not strings');
  const pathLen = cert.basicConstraints?.pathLenConstraint;
  if (pathLen !== undefined && !(Number.isInteger(pathLen) && pathLen >= 0)) throw new PropertyViolation(`pathLenConstraint ${pathLen}`);
}

function validVerification(result: CmsVerification): void {
  if (result.reasons.some((reason) => !Object.values(CmsReasonCode).includes(reason))) throw new PropertyViolation(`unknown reason in ${result.reasons.join(',')}`);
  if (result.valid !== (result.reasons.length === 0)) throw new PropertyViolation('valid disagrees with the reasons');
  if (result.reasons.includes(CmsReasonCode.MALFORMED_CMS) && (result.checks.length !== 1 || result.signer)) {
    throw new PropertyViolation('MALFORMED_CMS must be the only check, without a signer');
  }
  // What the API sends back: every date must serialise.
  JSON.stringify(toVerificationView(result, FUZZ_ISSUE_TIME));
}

function verify(seeds: FuzzSeeds, cmsDer: Buffer): void {
  let result: CmsVerification;
  try {
    result = verifyDetachedCms({
      content: FUZZ_CONTENT,
      cmsDer,
      trustAnchorsDer: [seeds.root.certDer],
      knownAnchorsDer: [seeds.root.certDer],
      crls: [seeds.crl],
      issueTime: FUZZ_ISSUE_TIME,
      now: FUZZ_ISSUE_TIME,
    });
  } catch (error) {
    throw new PropertyViolation(`verifyDetachedCms threw: ${describe(error)}\n${(error as Error).stack ?? ''}`);
  }
  try {
    validVerification(result);
  } catch (error) {
    if (error instanceof PropertyViolation) throw error;
    throw new PropertyViolation(`the verification cannot be answered: ${describe(error)}`);
  }
}

const DER_SEEDS = (seeds: FuzzSeeds): Record<string, Buffer> => ({ ...seeds.der });
const some = (seeds: FuzzSeeds, ...names: (keyof FuzzSeeds['der'])[]): Record<string, Buffer> =>
  Object.fromEntries(names.map((name) => [name, seeds.der[name]]));
const bytesOf = (arbitrary: fc.Arbitrary<{ bytes: Buffer }>): fc.Arbitrary<Buffer> => arbitrary.map((item) => item.bytes);

/** Structure-aware mutations of the given seeds, and some noise. */
function derInput(seeds: Record<string, Buffer>): fc.Arbitrary<Buffer> {
  return fc.oneof({ arbitrary: bytesOf(mutatedCase(seeds)), weight: 5 }, { arbitrary: randomDer, weight: 1 });
}

const PEM_LABELS = ['CERTIFICATE', 'X509 CRL', 'CMS', 'PKCS7', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY'];

export const DER_READER: FuzzTarget<Buffer> = {
  name: 'DER reader (parseAsn1, DER and BER)',
  input: (seeds) => derInput(DER_SEEDS(seeds)),
  check: (_seeds, bytes) => {
    for (const ber of [false, true]) {
      expectRefusalOnly(
        () => parseAsn1(bytes, { ber }),
        (error) => error instanceof Asn1StructureError,
        (node) => {
          if (!encodingOf(node).equals(bytes)) throw new PropertyViolation('the encoding of the root is not the input');
        },
      );
    }
  },
};

export const CERTIFICATE_READER: FuzzTarget<Buffer> = {
  name: 'X.509 certificate reader (parseCertificate)',
  input: (seeds) => derInput(some(seeds, 'certificate', 'caCertificate', 'csr')),
  check: (_seeds, bytes) => expectRefusalOnly(() => parseCertificate(bytes), cryptoCode(PkiCryptoErrorCode.MALFORMED_CERTIFICATE, PkiCryptoErrorCode.MALFORMED_PEM), validCertificate),
};

export const PEM_READER: FuzzTarget<string> = {
  name: 'PEM reader (pemBlocks, parseCertificate on PEM text)',
  input: (seeds) => mutatedPem(derInput(some(seeds, 'certificate', 'crl', 'cms')), PEM_LABELS),
  check: (_seeds, text) => {
    expectRefusalOnly(() => pemBlocks(text), cryptoCode(PkiCryptoErrorCode.MALFORMED_PEM));
    expectRefusalOnly(() => parseCertificate(text), cryptoCode(PkiCryptoErrorCode.MALFORMED_CERTIFICATE, PkiCryptoErrorCode.MALFORMED_PEM), validCertificate);
  },
};

export const CRL_READER: FuzzTarget<Buffer> = {
  name: 'CRL reader (parseCrl)',
  input: (seeds) => derInput(some(seeds, 'crl', 'certificate')),
  check: (_seeds, bytes) =>
    expectRefusalOnly(() => parseCrl(bytes), cryptoCode(PkiCryptoErrorCode.MALFORMED_CRL, PkiCryptoErrorCode.MALFORMED_PEM), (crl) => {
      validDate(crl.thisUpdate, 'thisUpdate');
      validDate(crl.nextUpdate, 'nextUpdate');
      crl.revoked.forEach((entry) => validDate(entry.revocationDate, 'revocationDate'));
    }),
};

export const CMS_READER: FuzzTarget<Buffer> = {
  name: 'CMS reader (parseCmsSignature)',
  input: (seeds) => derInput(some(seeds, 'cms')),
  check: (_seeds, bytes) => expectRefusalOnly(() => parseCmsSignature(bytes), (error) => error instanceof CmsFormatError),
};

export const CMS_VERIFIER: FuzzTarget<Buffer> = {
  name: 'detached CMS verifier (verifyDetachedCms)',
  input: (seeds) => derInput(some(seeds, 'cms')),
  check: (seeds, bytes) => verify(seeds, bytes),
};

const PKCS12_CODES = [
  PkiCryptoErrorCode.MALFORMED_PKCS12,
  PkiCryptoErrorCode.BAD_PASSWORD,
  PkiCryptoErrorCode.NO_PRIVATE_KEY,
  PkiCryptoErrorCode.NO_CERTIFICATE,
  PkiCryptoErrorCode.KEY_CERTIFICATE_MISMATCH,
  PkiCryptoErrorCode.MALFORMED_CERTIFICATE,
  PkiCryptoErrorCode.KDF_TOO_COSTLY,
];

export const PKCS12_READER: FuzzTarget<Buffer> = {
  name: 'PKCS#12 reader (parsePkcs12)',
  input: (seeds) => derInput(some(seeds, 'pkcs12Forge3des', 'pkcs12ForgeAes', 'pkcs12NoMac', 'pkcs12Openssl')),
  check: (_seeds, bytes) => expectRefusalOnly(() => parsePkcs12(bytes, FUZZ_PASSWORD), cryptoCode(...PKCS12_CODES)),
};

const KEY_PEM_CODES = [
  PkiCryptoErrorCode.MALFORMED_PEM,
  PkiCryptoErrorCode.NO_PRIVATE_KEY,
  PkiCryptoErrorCode.BAD_PASSWORD,
  PkiCryptoErrorCode.NO_CERTIFICATE,
  PkiCryptoErrorCode.KEY_CERTIFICATE_MISMATCH,
  PkiCryptoErrorCode.MALFORMED_CERTIFICATE,
  PkiCryptoErrorCode.KDF_TOO_COSTLY,
];

export const PRIVATE_KEY_READER: FuzzTarget<string> = {
  name: 'private key PEM reader (parsePemBundle)',
  input: (seeds) =>
    fc.oneof(
      mutatedPem(derInput(some(seeds, 'encryptedPkcs8')), ['ENCRYPTED PRIVATE KEY']),
      mutatedPem(derInput(some(seeds, 'pkcs8')), ['PRIVATE KEY', 'RSA PRIVATE KEY']),
    ),
  check: (seeds, keyPem) => expectRefusalOnly(() => parsePemBundle(keyPem, seeds.signer.certPem, FUZZ_PASSWORD), cryptoCode(...KEY_PEM_CODES)),
};

// The HTTP entries, one level up: what they let out must be a PkiError the filter answers with a 4xx.
const problem4xx = (error: unknown): boolean => error instanceof PkiError && error.httpStatus() >= 400 && error.httpStatus() < 500;

export const API_ENTRIES: FuzzTarget<{ der: Buffer; text: string }> = {
  name: 'API entries (certificate upload, CRL upload, PKCS#12 and PEM import, partner node certificate, verification upload)',
  input: (seeds) =>
    fc.record({
      der: derInput(DER_SEEDS(seeds)),
      text: mutatedPem(derInput(some(seeds, 'certificate', 'caCertificate', 'crl', 'cms', 'encryptedPkcs8')), PEM_LABELS),
    }),
  check: (seeds, { der, text }) => {
    // POST /v1/pki/keys/:id/certificate, /v1/pki/keys/pem, /v1/pki/trust-anchors
    expectRefusalOnly(() => readSigningCertificate(text, derToPem(der)), problem4xx, (input) => [input.certificate, ...input.chain].forEach(validCertificate));
    // POST /v1/pki/crls, as PEM text and as base64 DER
    expectRefusalOnly(() => asInputProblem(() => parseCrl(text)), problem4xx);
    expectRefusalOnly(() => asInputProblem(() => parseCrl(der)), problem4xx);
    // POST /v1/pki/keys/pkcs12
    expectRefusalOnly(() => asInputProblem(() => parsePkcs12(der, FUZZ_PASSWORD)), problem4xx);
    // POST /v1/pki/keys/pem
    const overrides = { [PkiCryptoErrorCode.BAD_PASSWORD]: PkiErrorCode.PRIVATE_KEY_BAD_PASSPHRASE, [PkiCryptoErrorCode.MALFORMED_PEM]: PkiErrorCode.MALFORMED_PRIVATE_KEY };
    expectRefusalOnly(() => asInputProblem(() => parsePemBundle(text, seeds.signer.certPem, FUZZ_PASSWORD), overrides), problem4xx);
    // PUT of a partner's node certificate: an answer, never an exception
    expectRefusalOnly(() => readNodeCertificate(text), () => false);
    // POST /v1/verifications and POST /v1/pki/signatures/verify: the signature as text or bytes
    for (const signature of [text, der, der.toString('base64')]) {
      const read = readSignature(signature);
      if ('der' in read) verify(seeds, read.der);
    }
  },
};

export const FUZZ_TARGETS: FuzzTarget<never>[] = [
  DER_READER,
  CERTIFICATE_READER,
  PEM_READER,
  CRL_READER,
  CMS_READER,
  CMS_VERIFIER,
  PKCS12_READER,
  PRIVATE_KEY_READER,
  API_ENTRIES,
] as unknown as FuzzTarget<never>[];
