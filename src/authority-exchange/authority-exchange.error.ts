import { DomainError, assertUnreachable } from '../core/errors/domain-error';
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

/** The answers between authorities: customs responses, verification cases, their attachments. */
export class AuthorityExchangeError extends DomainError {
  constructor(
    readonly code: AuthorityExchangeErrorCode,
    message: string,
    extra?: Record<string, unknown>,
    violations?: Violation[],
  ) {
    super(message, { extra, violations });
  }

  httpStatus(): number {
    switch (this.code) {
      case AuthorityExchangeErrorCode.CASE_NOT_FOUND:
      case AuthorityExchangeErrorCode.ATTACHMENT_NOT_FOUND:
        return 404;
      case AuthorityExchangeErrorCode.CASE_CLOSED:
      case AuthorityExchangeErrorCode.ILLEGAL_CASE_TRANSITION:
      case AuthorityExchangeErrorCode.CASE_ALREADY_OPEN:
        return 409;
      case AuthorityExchangeErrorCode.ATTACHMENT_TOO_LARGE:
        return 413;
      default:
        return assertUnreachable(this.code);
    }
  }

  static caseNotFound(): AuthorityExchangeError {
    return new AuthorityExchangeError(AuthorityExchangeErrorCode.CASE_NOT_FOUND, 'No such verification case');
  }
}
