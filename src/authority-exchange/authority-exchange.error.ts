import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';
import type { Violation } from '../core/errors/violation';

export enum AuthorityExchangeErrorCode {
  /** No such case, or one the caller is not a party to. */
  CASE_NOT_FOUND = 'CASE_NOT_FOUND',
  CASE_CLOSED = 'CASE_CLOSED',
  /** The case's state does not allow this step (named in currentStatus). */
  ILLEGAL_CASE_TRANSITION = 'ILLEGAL_CASE_TRANSITION',
  /** The certificate already has an open case. */
  CASE_ALREADY_OPEN = 'CASE_ALREADY_OPEN',
  ATTACHMENT_NOT_FOUND = 'ATTACHMENT_NOT_FOUND',
  /** An attachment, or the attachments of one message together, exceed the configured limits. */
  ATTACHMENT_TOO_LARGE = 'ATTACHMENT_TOO_LARGE',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const AUTHORITY_EXCHANGE_ERROR_STATUS = {
  [AuthorityExchangeErrorCode.CASE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [AuthorityExchangeErrorCode.CASE_CLOSED]: HttpStatus.CONFLICT,
  [AuthorityExchangeErrorCode.ILLEGAL_CASE_TRANSITION]: HttpStatus.CONFLICT,
  [AuthorityExchangeErrorCode.CASE_ALREADY_OPEN]: HttpStatus.CONFLICT,
  [AuthorityExchangeErrorCode.ATTACHMENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [AuthorityExchangeErrorCode.ATTACHMENT_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
} satisfies Record<AuthorityExchangeErrorCode, HttpStatus>;

/** The answers between authorities: customs responses, verification cases, their attachments. */
export class AuthorityExchangeError extends CodedError<AuthorityExchangeErrorCode> {
  constructor(
    code: AuthorityExchangeErrorCode,
    message: string,
    extra?: Record<string, unknown>,
    violations?: Violation[],
  ) {
    super(code, message, AUTHORITY_EXCHANGE_ERROR_STATUS, { extra, violations });
  }

  static caseNotFound(): AuthorityExchangeError {
    return new AuthorityExchangeError(AuthorityExchangeErrorCode.CASE_NOT_FOUND, 'No such verification case');
  }
}
