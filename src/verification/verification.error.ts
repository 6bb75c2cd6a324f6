import { DomainError, assertUnreachable } from '../core/errors/domain-error';

export enum VerificationErrorCode {
  // A draft has no verification page, no signature and nothing to print yet.
  CERTIFICATE_NOT_ISSUED = 'CERTIFICATE_NOT_ISSUED',
  VERIFICATION_PAGE_NOT_FOUND = 'VERIFICATION_PAGE_NOT_FOUND',
}

export class VerificationError extends DomainError {
  constructor(
    readonly code: VerificationErrorCode,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(message, { extra });
  }

  httpStatus(): number {
    switch (this.code) {
      case VerificationErrorCode.CERTIFICATE_NOT_ISSUED:
        return 409;
      case VerificationErrorCode.VERIFICATION_PAGE_NOT_FOUND:
        return 404;
      default:
        return assertUnreachable(this.code);
    }
  }
}
