import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';
import type { Violation } from '../core/errors/violation';

export enum WebhookErrorCode {
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
  WEBHOOK_DELIVERY_NOT_FOUND = 'WEBHOOK_DELIVERY_NOT_FOUND',
  /** The URL is not one the hub may send to (the outbound destination policy), or the filter names nothing. */
  WEBHOOK_INVALID = 'WEBHOOK_INVALID',
  /** Secrets are sealed under HUB_MASTER_KEY: without it no subscription can be made. */
  MASTER_KEY_NOT_CONFIGURED = 'MASTER_KEY_NOT_CONFIGURED',
  /** Only a caller that holds an API key (an authority or a trader) subscribes. */
  API_KEY_REQUIRED = 'API_KEY_REQUIRED',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const WEBHOOK_ERROR_STATUS = {
  [WebhookErrorCode.WEBHOOK_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [WebhookErrorCode.WEBHOOK_DELIVERY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [WebhookErrorCode.WEBHOOK_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [WebhookErrorCode.MASTER_KEY_NOT_CONFIGURED]: HttpStatus.SERVICE_UNAVAILABLE,
  [WebhookErrorCode.API_KEY_REQUIRED]: HttpStatus.FORBIDDEN,
} satisfies Record<WebhookErrorCode, HttpStatus>;

export class WebhookError extends CodedError<WebhookErrorCode> {
  constructor(code: WebhookErrorCode, message: string, violations?: Violation[]) {
    super(code, message, WEBHOOK_ERROR_STATUS, { violations });
  }

  static notFound(): WebhookError {
    return new WebhookError(WebhookErrorCode.WEBHOOK_NOT_FOUND, 'No such webhook subscription');
  }
}
