import { DomainError, assertUnreachable } from './domain-error';
import type { Violation } from './violation';

export enum RequestErrorCode {
  MALFORMED_JSON = 'MALFORMED_JSON',
  // A body of another declared type (a multipart upload) that cannot be read.
  MALFORMED_BODY = 'MALFORMED_BODY',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_FLIGHT = 'IDEMPOTENCY_IN_FLIGHT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

/** Errors about the request itself, common to every feature. */
export class RequestError extends DomainError {
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    options?: { violations?: Violation[]; extra?: Record<string, unknown> },
  ) {
    super(message, options);
  }

  httpStatus(): number {
    switch (this.code) {
      case RequestErrorCode.MALFORMED_JSON:
      case RequestErrorCode.MALFORMED_BODY:
        return 400;
      case RequestErrorCode.UNAUTHENTICATED:
        return 401;
      case RequestErrorCode.FORBIDDEN:
        return 403;
      case RequestErrorCode.NOT_FOUND:
        return 404;
      case RequestErrorCode.METHOD_NOT_ALLOWED:
        return 405;
      case RequestErrorCode.IDEMPOTENCY_IN_FLIGHT:
        return 409;
      case RequestErrorCode.PAYLOAD_TOO_LARGE:
        return 413;
      case RequestErrorCode.UNSUPPORTED_MEDIA_TYPE:
        return 415;
      case RequestErrorCode.VALIDATION_FAILED:
      case RequestErrorCode.IDEMPOTENCY_KEY_REUSED:
        return 422;
      case RequestErrorCode.TOO_MANY_REQUESTS:
        return 429;
      case RequestErrorCode.SERVICE_UNAVAILABLE:
        return 503;
      default:
        return assertUnreachable(this.code);
    }
  }

  static validation(violations: Violation[]): RequestError {
    const errors = violations.filter((v) => v.severity === 'error').length;
    return new RequestError(
      RequestErrorCode.VALIDATION_FAILED,
      `The request has ${errors} problem${errors === 1 ? '' : 's'}`,
      { violations },
    );
  }
}
