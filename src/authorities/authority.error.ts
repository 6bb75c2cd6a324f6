import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';

export enum AuthorityErrorCode {
  AUTHORITY_EXISTS = 'AUTHORITY_EXISTS',
  AUTHORITY_NOT_FOUND = 'AUTHORITY_NOT_FOUND',
  TRADER_EXISTS = 'TRADER_EXISTS',
  TRADER_NOT_FOUND = 'TRADER_NOT_FOUND',
  API_KEY_NOT_FOUND = 'API_KEY_NOT_FOUND',
  API_KEY_OWNER_INVALID = 'API_KEY_OWNER_INVALID',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const AUTHORITY_ERROR_STATUS = {
  [AuthorityErrorCode.AUTHORITY_EXISTS]: HttpStatus.CONFLICT,
  [AuthorityErrorCode.AUTHORITY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [AuthorityErrorCode.TRADER_EXISTS]: HttpStatus.CONFLICT,
  [AuthorityErrorCode.TRADER_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [AuthorityErrorCode.API_KEY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [AuthorityErrorCode.API_KEY_OWNER_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
} satisfies Record<AuthorityErrorCode, HttpStatus>;

export class AuthorityError extends CodedError<AuthorityErrorCode> {
  constructor(
    code: AuthorityErrorCode,
    message: string,
  ) {
    super(code, message, AUTHORITY_ERROR_STATUS);
  }
}
