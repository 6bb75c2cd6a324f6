import { DomainError, assertUnreachable } from '../core/errors/domain-error';

export enum CertificateErrorCode {
  CERTIFICATE_NOT_FOUND = 'CERTIFICATE_NOT_FOUND',
  CERTIFICATE_NUMBER_TAKEN = 'CERTIFICATE_NUMBER_TAKEN',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

export class CertificateError extends DomainError {
  constructor(
    readonly code: CertificateErrorCode,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(message, { extra });
  }

  httpStatus(): number {
    switch (this.code) {
      case CertificateErrorCode.CERTIFICATE_NOT_FOUND:
        return 404;
      case CertificateErrorCode.CERTIFICATE_NUMBER_TAKEN:
      case CertificateErrorCode.ILLEGAL_TRANSITION:
        return 409;
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
