import { HttpStatus } from '@nestjs/common';
import { CodedError } from './coded-error';
import type { Violation } from './violation';

export enum RequestErrorCode {
  MALFORMED_JSON = 'MALFORMED_JSON',
  // A body of another declared type (a multipart upload) that cannot be read.
  MALFORMED_BODY = 'MALFORMED_BODY',
  // A request target with U+0000 or percent-encoded bytes that are not UTF-8.
  MALFORMED_URL = 'MALFORMED_URL',
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

/** The HTTP status of each code (a new code without one does not compile). */
export const REQUEST_ERROR_STATUS = {
  [RequestErrorCode.MALFORMED_JSON]: HttpStatus.BAD_REQUEST,
  [RequestErrorCode.MALFORMED_BODY]: HttpStatus.BAD_REQUEST,
  [RequestErrorCode.MALFORMED_URL]: HttpStatus.BAD_REQUEST,
  [RequestErrorCode.VALIDATION_FAILED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [RequestErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [RequestErrorCode.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [RequestErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [RequestErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [RequestErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [RequestErrorCode.METHOD_NOT_ALLOWED]: HttpStatus.METHOD_NOT_ALLOWED,
  [RequestErrorCode.IDEMPOTENCY_KEY_REUSED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [RequestErrorCode.IDEMPOTENCY_IN_FLIGHT]: HttpStatus.CONFLICT,
  [RequestErrorCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [RequestErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
} satisfies Record<RequestErrorCode, HttpStatus>;

/** Errors about the request itself, common to every feature. */
export class RequestError extends CodedError<RequestErrorCode> {
  constructor(
    code: RequestErrorCode,
    message: string,
    options?: { violations?: Violation[]; extra?: Record<string, unknown> },
  ) {
    super(code, message, REQUEST_ERROR_STATUS, options);
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
