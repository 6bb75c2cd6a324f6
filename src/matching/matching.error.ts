import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';
import type { Violation } from '../core/errors/violation';

export enum MatchingErrorCode {
  /** The declaration names a certificate this customs did not receive (unknown, or another country's). */
  CERTIFICATE_NOT_RECEIVED = 'CERTIFICATE_NOT_RECEIVED',
  /** This customs authority recorded a declaration with this number before. */
  DECLARATION_EXISTS = 'DECLARATION_EXISTS',
  DECLARATION_NOT_FOUND = 'DECLARATION_NOT_FOUND',
  /** No certificate the caller may prefill from answers the UCR or number. */
  NOTHING_TO_PREFILL = 'NOTHING_TO_PREFILL',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const MATCHING_ERROR_STATUS = {
  [MatchingErrorCode.CERTIFICATE_NOT_RECEIVED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [MatchingErrorCode.DECLARATION_EXISTS]: HttpStatus.CONFLICT,
  [MatchingErrorCode.DECLARATION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [MatchingErrorCode.NOTHING_TO_PREFILL]: HttpStatus.NOT_FOUND,
  [MatchingErrorCode.INVALID_CURSOR]: HttpStatus.UNPROCESSABLE_ENTITY,
} satisfies Record<MatchingErrorCode, HttpStatus>;

export class MatchingError extends CodedError<MatchingErrorCode> {
  constructor(
    code: MatchingErrorCode,
    message: string,
    options?: { violations?: Violation[]; extra?: Record<string, unknown> },
  ) {
    super(code, message, MATCHING_ERROR_STATUS, options);
  }
}
