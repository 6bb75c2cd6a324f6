import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';
import type { Violation } from '../core/errors/violation';

export enum ExchangeErrorCode {
  PARTNER_NOT_FOUND = 'PARTNER_NOT_FOUND',
  PARTNER_EXISTS = 'PARTNER_EXISTS',
  DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND',
  // The delivery has no signed receipt: not acknowledged, or acknowledged unsigned.
  RECEIPT_NOT_FOUND = 'RECEIPT_NOT_FOUND',
  ILLEGAL_DELIVERY_TRANSITION = 'ILLEGAL_DELIVERY_TRANSITION',
  DELIVERY_UNROUTABLE = 'DELIVERY_UNROUTABLE',
  SECRET_STORAGE_UNAVAILABLE = 'SECRET_STORAGE_UNAVAILABLE',
  NODE_KEY_UNAVAILABLE = 'NODE_KEY_UNAVAILABLE',
  ENVELOPE_SENDER_UNKNOWN = 'ENVELOPE_SENDER_UNKNOWN',
  // Too many envelopes without a valid partner token from one address.
  ENVELOPE_SENDER_THROTTLED = 'ENVELOPE_SENDER_THROTTLED',
  NOT_AN_ENVELOPE = 'NOT_AN_ENVELOPE',
  ENVELOPE_SIGNATURE_INVALID = 'ENVELOPE_SIGNATURE_INVALID',
  ENVELOPE_OUTSIDE_REPLAY_WINDOW = 'ENVELOPE_OUTSIDE_REPLAY_WINDOW',
  ENVELOPE_ID_REUSED = 'ENVELOPE_ID_REUSED',
  // A partner sent its envelopes (PUSH) asked to pull them.
  PULL_NOT_ENABLED = 'PULL_NOT_ENABLED',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const EXCHANGE_ERROR_STATUS = {
  [ExchangeErrorCode.PARTNER_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ExchangeErrorCode.PARTNER_EXISTS]: HttpStatus.CONFLICT,
  [ExchangeErrorCode.DELIVERY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ExchangeErrorCode.RECEIPT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ExchangeErrorCode.ILLEGAL_DELIVERY_TRANSITION]: HttpStatus.CONFLICT,
  [ExchangeErrorCode.DELIVERY_UNROUTABLE]: HttpStatus.CONFLICT,
  [ExchangeErrorCode.SECRET_STORAGE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ExchangeErrorCode.NODE_KEY_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ExchangeErrorCode.ENVELOPE_SENDER_UNKNOWN]: HttpStatus.UNAUTHORIZED,
  [ExchangeErrorCode.ENVELOPE_SENDER_THROTTLED]: HttpStatus.TOO_MANY_REQUESTS,
  [ExchangeErrorCode.NOT_AN_ENVELOPE]: HttpStatus.BAD_REQUEST,
  [ExchangeErrorCode.ENVELOPE_SIGNATURE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ExchangeErrorCode.ENVELOPE_OUTSIDE_REPLAY_WINDOW]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ExchangeErrorCode.ENVELOPE_ID_REUSED]: HttpStatus.CONFLICT,
  [ExchangeErrorCode.PULL_NOT_ENABLED]: HttpStatus.CONFLICT,
} satisfies Record<ExchangeErrorCode, HttpStatus>;

/** The exchange feature's coded exception, mapped to HTTP by an exhaustive switch. */
export class ExchangeError extends CodedError<ExchangeErrorCode> {
  constructor(
    code: ExchangeErrorCode,
    message: string,
    extra?: Record<string, unknown>,
    violations?: Violation[],
  ) {
    super(code, message, EXCHANGE_ERROR_STATUS, { extra, violations });
  }

  static partnerNotFound(): ExchangeError {
    return new ExchangeError(ExchangeErrorCode.PARTNER_NOT_FOUND, 'No such partner');
  }

  static deliveryNotFound(): ExchangeError {
    return new ExchangeError(ExchangeErrorCode.DELIVERY_NOT_FOUND, 'No such delivery');
  }
}
