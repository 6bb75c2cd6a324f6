import { DomainError, assertUnreachable } from '../core/errors/domain-error';
import type { Violation } from '../core/errors/violation';

export enum ExchangeErrorCode {
  PARTNER_NOT_FOUND = 'PARTNER_NOT_FOUND',
  PARTNER_EXISTS = 'PARTNER_EXISTS',
  DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND',
  ILLEGAL_DELIVERY_TRANSITION = 'ILLEGAL_DELIVERY_TRANSITION',
  DELIVERY_UNROUTABLE = 'DELIVERY_UNROUTABLE',
  SECRET_STORAGE_UNAVAILABLE = 'SECRET_STORAGE_UNAVAILABLE',
  NODE_KEY_UNAVAILABLE = 'NODE_KEY_UNAVAILABLE',
  ENVELOPE_SENDER_UNKNOWN = 'ENVELOPE_SENDER_UNKNOWN',
  NOT_AN_ENVELOPE = 'NOT_AN_ENVELOPE',
  ENVELOPE_SIGNATURE_INVALID = 'ENVELOPE_SIGNATURE_INVALID',
  ENVELOPE_OUTSIDE_REPLAY_WINDOW = 'ENVELOPE_OUTSIDE_REPLAY_WINDOW',
  ENVELOPE_ID_REUSED = 'ENVELOPE_ID_REUSED',
}

/** The exchange feature's coded exception, mapped to HTTP by an exhaustive switch. */
export class ExchangeError extends DomainError {
  constructor(
    readonly code: ExchangeErrorCode,
    message: string,
    extra?: Record<string, unknown>,
    violations?: Violation[],
  ) {
    super(message, { extra, violations });
  }

  httpStatus(): number {
    switch (this.code) {
      case ExchangeErrorCode.NOT_AN_ENVELOPE:
        return 400;
      case ExchangeErrorCode.ENVELOPE_SENDER_UNKNOWN:
        return 401;
      case ExchangeErrorCode.PARTNER_NOT_FOUND:
      case ExchangeErrorCode.DELIVERY_NOT_FOUND:
        return 404;
      case ExchangeErrorCode.PARTNER_EXISTS:
      case ExchangeErrorCode.ILLEGAL_DELIVERY_TRANSITION:
      case ExchangeErrorCode.DELIVERY_UNROUTABLE:
      case ExchangeErrorCode.ENVELOPE_ID_REUSED:
        return 409;
      case ExchangeErrorCode.ENVELOPE_SIGNATURE_INVALID:
      case ExchangeErrorCode.ENVELOPE_OUTSIDE_REPLAY_WINDOW:
        return 422;
      case ExchangeErrorCode.SECRET_STORAGE_UNAVAILABLE:
      case ExchangeErrorCode.NODE_KEY_UNAVAILABLE:
        return 503;
      default:
        return assertUnreachable(this.code);
    }
  }

  static partnerNotFound(): ExchangeError {
    return new ExchangeError(ExchangeErrorCode.PARTNER_NOT_FOUND, 'No such partner');
  }

  static deliveryNotFound(): ExchangeError {
    return new ExchangeError(ExchangeErrorCode.DELIVERY_NOT_FOUND, 'No such delivery');
  }
}
