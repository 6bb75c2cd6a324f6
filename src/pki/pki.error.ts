import { DomainError, assertUnreachable } from '../core/errors/domain-error';
import { PkiCryptoError, PkiCryptoErrorCode } from './crypto/pki-crypto.error';

export enum PkiErrorCode {
  // Configuration: the hub cannot keep or use private keys.
  MASTER_KEY_NOT_CONFIGURED = 'MASTER_KEY_NOT_CONFIGURED',
  SIGNING_KEY_UNAVAILABLE = 'SIGNING_KEY_UNAVAILABLE',
  // Lookups and state.
  SIGNING_KEY_NOT_FOUND = 'SIGNING_KEY_NOT_FOUND',
  ILLEGAL_KEY_TRANSITION = 'ILLEGAL_KEY_TRANSITION',
  CERTIFICATE_ALREADY_REGISTERED = 'CERTIFICATE_ALREADY_REGISTERED',
  TRUST_ANCHOR_ALREADY_REGISTERED = 'TRUST_ANCHOR_ALREADY_REGISTERED',
  CRL_ALREADY_REGISTERED = 'CRL_ALREADY_REGISTERED',
  // Malformed input.
  MALFORMED_CERTIFICATE = 'MALFORMED_CERTIFICATE',
  MALFORMED_PEM = 'MALFORMED_PEM',
  MALFORMED_PKCS12 = 'MALFORMED_PKCS12',
  MALFORMED_PRIVATE_KEY = 'MALFORMED_PRIVATE_KEY',
  MALFORMED_CRL = 'MALFORMED_CRL',
  NO_CERTIFICATE = 'NO_CERTIFICATE',
  PKCS12_BAD_PASSWORD = 'PKCS12_BAD_PASSWORD',
  PRIVATE_KEY_BAD_PASSPHRASE = 'PRIVATE_KEY_BAD_PASSPHRASE',
  KEY_UNSUPPORTED = 'KEY_UNSUPPORTED',
  KEY_DERIVATION_TOO_COSTLY = 'KEY_DERIVATION_TOO_COSTLY',
  // A signing certificate the hub will not sign with.
  CERTIFICATE_KEY_MISMATCH = 'CERTIFICATE_KEY_MISMATCH',
  CERTIFICATE_EXPIRED = 'CERTIFICATE_EXPIRED',
  CERTIFICATE_NOT_YET_VALID = 'CERTIFICATE_NOT_YET_VALID',
  CERTIFICATE_KEY_USAGE = 'CERTIFICATE_KEY_USAGE',
  CERTIFICATE_IS_CA = 'CERTIFICATE_IS_CA',
  CERTIFICATE_UNTRUSTED = 'CERTIFICATE_UNTRUSTED',
  CERTIFICATE_REVOKED = 'CERTIFICATE_REVOKED',
  // Trust anchors and CRLs.
  TRUST_ANCHOR_NOT_CA = 'TRUST_ANCHOR_NOT_CA',
  CRL_ISSUER_UNKNOWN = 'CRL_ISSUER_UNKNOWN',
  CRL_SIGNATURE_INVALID = 'CRL_SIGNATURE_INVALID',
  CRL_OUT_OF_DATE = 'CRL_OUT_OF_DATE',
  CRL_NOT_YET_VALID = 'CRL_NOT_YET_VALID',
  // Signing at issue, and reading what was signed.
  NO_ACTIVE_SIGNING_KEY = 'NO_ACTIVE_SIGNING_KEY',
  SIGNING_KEY_EXPIRED = 'SIGNING_KEY_EXPIRED',
  CERTIFICATE_NOT_ISSUED = 'CERTIFICATE_NOT_ISSUED',
  SIGNATURE_NOT_FOUND = 'SIGNATURE_NOT_FOUND',
}

export class PkiError extends DomainError {
  constructor(
    readonly code: PkiErrorCode,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(message, { extra });
  }

  httpStatus(): number {
    switch (this.code) {
      case PkiErrorCode.SIGNING_KEY_NOT_FOUND:
      case PkiErrorCode.SIGNATURE_NOT_FOUND:
        return 404;
      case PkiErrorCode.ILLEGAL_KEY_TRANSITION:
      case PkiErrorCode.CERTIFICATE_ALREADY_REGISTERED:
      case PkiErrorCode.TRUST_ANCHOR_ALREADY_REGISTERED:
      case PkiErrorCode.CRL_ALREADY_REGISTERED:
      case PkiErrorCode.NO_ACTIVE_SIGNING_KEY:
      case PkiErrorCode.SIGNING_KEY_EXPIRED:
      case PkiErrorCode.CERTIFICATE_NOT_ISSUED:
        return 409;
      case PkiErrorCode.MALFORMED_CERTIFICATE:
      case PkiErrorCode.MALFORMED_PEM:
      case PkiErrorCode.MALFORMED_PKCS12:
      case PkiErrorCode.MALFORMED_PRIVATE_KEY:
      case PkiErrorCode.MALFORMED_CRL:
      case PkiErrorCode.NO_CERTIFICATE:
      case PkiErrorCode.PKCS12_BAD_PASSWORD:
      case PkiErrorCode.PRIVATE_KEY_BAD_PASSPHRASE:
      case PkiErrorCode.KEY_UNSUPPORTED:
      case PkiErrorCode.KEY_DERIVATION_TOO_COSTLY:
      case PkiErrorCode.CERTIFICATE_KEY_MISMATCH:
      case PkiErrorCode.CERTIFICATE_EXPIRED:
      case PkiErrorCode.CERTIFICATE_NOT_YET_VALID:
      case PkiErrorCode.CERTIFICATE_KEY_USAGE:
      case PkiErrorCode.CERTIFICATE_IS_CA:
      case PkiErrorCode.CERTIFICATE_UNTRUSTED:
      case PkiErrorCode.CERTIFICATE_REVOKED:
      case PkiErrorCode.TRUST_ANCHOR_NOT_CA:
      case PkiErrorCode.CRL_ISSUER_UNKNOWN:
      case PkiErrorCode.CRL_SIGNATURE_INVALID:
      case PkiErrorCode.CRL_OUT_OF_DATE:
      case PkiErrorCode.CRL_NOT_YET_VALID:
        return 422;
      case PkiErrorCode.MASTER_KEY_NOT_CONFIGURED:
      case PkiErrorCode.SIGNING_KEY_UNAVAILABLE:
        return 503;
      default:
        return assertUnreachable(this.code);
    }
  }

  static keyNotFound(): PkiError {
    return new PkiError(PkiErrorCode.SIGNING_KEY_NOT_FOUND, 'No such signing key');
  }
}

// How the crypto core's refusals of operator input read over HTTP. Only input problems are mapped;
// anything else (a bug, a failed decryption) is left to propagate.
const INPUT_CODES: Partial<Record<PkiCryptoErrorCode, PkiErrorCode>> = {
  [PkiCryptoErrorCode.BAD_PASSWORD]: PkiErrorCode.PKCS12_BAD_PASSWORD,
  [PkiCryptoErrorCode.MALFORMED_PKCS12]: PkiErrorCode.MALFORMED_PKCS12,
  [PkiCryptoErrorCode.MALFORMED_PEM]: PkiErrorCode.MALFORMED_PEM,
  [PkiCryptoErrorCode.MALFORMED_CERTIFICATE]: PkiErrorCode.MALFORMED_CERTIFICATE,
  [PkiCryptoErrorCode.MALFORMED_CRL]: PkiErrorCode.MALFORMED_CRL,
  [PkiCryptoErrorCode.NO_PRIVATE_KEY]: PkiErrorCode.MALFORMED_PRIVATE_KEY,
  [PkiCryptoErrorCode.NO_CERTIFICATE]: PkiErrorCode.NO_CERTIFICATE,
  [PkiCryptoErrorCode.KEY_CERTIFICATE_MISMATCH]: PkiErrorCode.CERTIFICATE_KEY_MISMATCH,
  [PkiCryptoErrorCode.UNSUPPORTED_KEY]: PkiErrorCode.KEY_UNSUPPORTED,
  [PkiCryptoErrorCode.KDF_TOO_COSTLY]: PkiErrorCode.KEY_DERIVATION_TOO_COSTLY,
};

/** Runs a parse of operator input and turns the crypto core's refusals into problem codes. */
export function asInputProblem<T>(parse: () => T, overrides: Partial<Record<PkiCryptoErrorCode, PkiErrorCode>> = {}): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof PkiCryptoError) {
      const code = overrides[error.code] ?? INPUT_CODES[error.code];
      if (code) throw new PkiError(code, error.message);
    }
    throw error;
  }
}
