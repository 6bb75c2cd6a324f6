import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';

export enum VerificationErrorCode {
  // A draft has no verification page, no signature and nothing to print yet.
  CERTIFICATE_NOT_ISSUED = 'CERTIFICATE_NOT_ISSUED',
  VERIFICATION_PAGE_NOT_FOUND = 'VERIFICATION_PAGE_NOT_FOUND',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const VERIFICATION_ERROR_STATUS = {
  [VerificationErrorCode.CERTIFICATE_NOT_ISSUED]: HttpStatus.CONFLICT,
  [VerificationErrorCode.VERIFICATION_PAGE_NOT_FOUND]: HttpStatus.NOT_FOUND,
} satisfies Record<VerificationErrorCode, HttpStatus>;

export class VerificationError extends CodedError<VerificationErrorCode> {
  constructor(
    code: VerificationErrorCode,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(code, message, VERIFICATION_ERROR_STATUS, { extra });
  }
}
