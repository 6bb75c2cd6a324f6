export enum PkiCryptoErrorCode {
  BAD_PASSWORD = 'BAD_PASSWORD',
  MALFORMED_PKCS12 = 'MALFORMED_PKCS12',
  MALFORMED_PEM = 'MALFORMED_PEM',
  MALFORMED_CERTIFICATE = 'MALFORMED_CERTIFICATE',
  MALFORMED_CSR = 'MALFORMED_CSR',
  MALFORMED_CRL = 'MALFORMED_CRL',
  NO_PRIVATE_KEY = 'NO_PRIVATE_KEY',
  NO_CERTIFICATE = 'NO_CERTIFICATE',
  KEY_CERTIFICATE_MISMATCH = 'KEY_CERTIFICATE_MISMATCH',
  UNSUPPORTED_KEY = 'UNSUPPORTED_KEY',
  CSR_SIGNATURE_INVALID = 'CSR_SIGNATURE_INVALID',
  WEAK_MASTER_KEY = 'WEAK_MASTER_KEY',
  KEY_DECRYPTION_FAILED = 'KEY_DECRYPTION_FAILED',
  UNSUPPORTED_KDF = 'UNSUPPORTED_KDF',
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
  // A key file whose password-based key derivation asks for more work than the hub allows.
  KDF_TOO_COSTLY = 'KDF_TOO_COSTLY',
}

// Raised by the pure crypto core for bad input; the pki module maps codes to problem+json.
export class PkiCryptoError extends Error {
  override readonly name = 'PkiCryptoError';

  constructor(
    readonly code: PkiCryptoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
