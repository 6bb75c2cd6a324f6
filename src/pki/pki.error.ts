import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';
import { PkiCryptoError, PkiCryptoErrorCode } from './crypto/pki-crypto.error';

export enum PkiErrorCode {
  // Configuration: the hub cannot keep or use private keys.
  MASTER_KEY_NOT_CONFIGURED = 'MASTER_KEY_NOT_CONFIGURED',
  // Development keys under NODE_ENV=production without HUB_ALLOW_DEV_KEYS=true.
  DEV_KEYS_REFUSED_IN_PRODUCTION = 'DEV_KEYS_REFUSED_IN_PRODUCTION',
  SIGNING_KEY_UNAVAILABLE = 'SIGNING_KEY_UNAVAILABLE',
  // A key asked for in a PKCS#11 token while none is configured, or the token cannot be opened.
  PKCS11_NOT_CONFIGURED = 'PKCS11_NOT_CONFIGURED',
  PKCS11_UNAVAILABLE = 'PKCS11_UNAVAILABLE',
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
  // Signing at issue.
  NO_ACTIVE_SIGNING_KEY = 'NO_ACTIVE_SIGNING_KEY',
  SIGNING_KEY_EXPIRED = 'SIGNING_KEY_EXPIRED',
  // Signing a rendition with the key that signed the record.
  SIGNING_KEY_NOT_ACTIVE = 'SIGNING_KEY_NOT_ACTIVE',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const PKI_ERROR_STATUS = {
  [PkiErrorCode.MASTER_KEY_NOT_CONFIGURED]: HttpStatus.SERVICE_UNAVAILABLE,
  [PkiErrorCode.DEV_KEYS_REFUSED_IN_PRODUCTION]: HttpStatus.FORBIDDEN,
  [PkiErrorCode.SIGNING_KEY_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [PkiErrorCode.PKCS11_NOT_CONFIGURED]: HttpStatus.SERVICE_UNAVAILABLE,
  [PkiErrorCode.PKCS11_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [PkiErrorCode.SIGNING_KEY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [PkiErrorCode.ILLEGAL_KEY_TRANSITION]: HttpStatus.CONFLICT,
  [PkiErrorCode.CERTIFICATE_ALREADY_REGISTERED]: HttpStatus.CONFLICT,
  [PkiErrorCode.TRUST_ANCHOR_ALREADY_REGISTERED]: HttpStatus.CONFLICT,
  [PkiErrorCode.CRL_ALREADY_REGISTERED]: HttpStatus.CONFLICT,
  [PkiErrorCode.MALFORMED_CERTIFICATE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.MALFORMED_PEM]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.MALFORMED_PKCS12]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.MALFORMED_PRIVATE_KEY]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.MALFORMED_CRL]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.NO_CERTIFICATE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.PKCS12_BAD_PASSWORD]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.PRIVATE_KEY_BAD_PASSPHRASE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.KEY_UNSUPPORTED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.KEY_DERIVATION_TOO_COSTLY]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CERTIFICATE_KEY_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CERTIFICATE_EXPIRED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CERTIFICATE_NOT_YET_VALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CERTIFICATE_KEY_USAGE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CERTIFICATE_IS_CA]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CERTIFICATE_UNTRUSTED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CERTIFICATE_REVOKED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.TRUST_ANCHOR_NOT_CA]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CRL_ISSUER_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CRL_SIGNATURE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CRL_OUT_OF_DATE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.CRL_NOT_YET_VALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PkiErrorCode.NO_ACTIVE_SIGNING_KEY]: HttpStatus.CONFLICT,
  [PkiErrorCode.SIGNING_KEY_EXPIRED]: HttpStatus.CONFLICT,
  [PkiErrorCode.SIGNING_KEY_NOT_ACTIVE]: HttpStatus.CONFLICT,
} satisfies Record<PkiErrorCode, HttpStatus>;

export class PkiError extends CodedError<PkiErrorCode> {
  constructor(
    code: PkiErrorCode,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(code, message, PKI_ERROR_STATUS, { extra });
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
