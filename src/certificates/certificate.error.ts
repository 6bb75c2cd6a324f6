import { DomainError, assertUnreachable } from '../core/errors/domain-error';
import type { Violation } from '../core/errors/violation';

export enum CertificateErrorCode {
  CERTIFICATE_NOT_FOUND = 'CERTIFICATE_NOT_FOUND',
  CERTIFICATE_NUMBER_TAKEN = 'CERTIFICATE_NUMBER_TAKEN',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  INVALID_CURSOR = 'INVALID_CURSOR',
  /** A use asks for more than remains of an item, or for an item or unit the certificate does not state. */
  USE_NOT_AVAILABLE = 'USE_NOT_AVAILABLE',
  /** The same use reference was recorded before with other quantities. */
  USE_REFERENCE_REUSED = 'USE_REFERENCE_REUSED',
  /** The importing customs' move is not allowed from the certificate's importStatus (or its status). */
  ILLEGAL_IMPORT_TRANSITION = 'ILLEGAL_IMPORT_TRANSITION',
}

export class CertificateError extends DomainError {
  constructor(
    readonly code: CertificateErrorCode,
    message: string,
    extra?: Record<string, unknown>,
    violations?: Violation[],
  ) {
    super(message, { extra, violations });
  }

  httpStatus(): number {
    switch (this.code) {
      case CertificateErrorCode.CERTIFICATE_NOT_FOUND:
        return 404;
      case CertificateErrorCode.CERTIFICATE_NUMBER_TAKEN:
      case CertificateErrorCode.ILLEGAL_TRANSITION:
      case CertificateErrorCode.USE_REFERENCE_REUSED:
      case CertificateErrorCode.ILLEGAL_IMPORT_TRANSITION:
        return 409;
      case CertificateErrorCode.USE_NOT_AVAILABLE:
      case CertificateErrorCode.INVALID_CURSOR:
        return 422;
      default:
        return assertUnreachable(this.code);
    }
  }

  static notFound(): CertificateError {
    return new CertificateError(CertificateErrorCode.CERTIFICATE_NOT_FOUND, 'No such certificate');
  }
}
