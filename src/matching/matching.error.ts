import { DomainError, assertUnreachable } from '../core/errors/domain-error';
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

export class MatchingError extends DomainError {
  constructor(
    readonly code: MatchingErrorCode,
    message: string,
    options?: { violations?: Violation[]; extra?: Record<string, unknown> },
  ) {
    super(message, options);
  }

  httpStatus(): number {
    switch (this.code) {
      case MatchingErrorCode.DECLARATION_NOT_FOUND:
      case MatchingErrorCode.NOTHING_TO_PREFILL:
        return 404;
      case MatchingErrorCode.DECLARATION_EXISTS:
        return 409;
      case MatchingErrorCode.CERTIFICATE_NOT_RECEIVED:
      case MatchingErrorCode.INVALID_CURSOR:
        return 422;
      default:
        return assertUnreachable(this.code);
    }
  }
}
