import { DomainError, assertUnreachable } from '../core/errors/domain-error';

export enum AuthorityErrorCode {
  AUTHORITY_EXISTS = 'AUTHORITY_EXISTS',
  AUTHORITY_NOT_FOUND = 'AUTHORITY_NOT_FOUND',
  TRADER_EXISTS = 'TRADER_EXISTS',
  TRADER_NOT_FOUND = 'TRADER_NOT_FOUND',
  API_KEY_NOT_FOUND = 'API_KEY_NOT_FOUND',
  API_KEY_OWNER_INVALID = 'API_KEY_OWNER_INVALID',
}

export class AuthorityError extends DomainError {
  constructor(
    readonly code: AuthorityErrorCode,
    message: string,
  ) {
    super(message);
  }

  httpStatus(): number {
    switch (this.code) {
      case AuthorityErrorCode.AUTHORITY_EXISTS:
      case AuthorityErrorCode.TRADER_EXISTS:
        return 409;
      case AuthorityErrorCode.AUTHORITY_NOT_FOUND:
      case AuthorityErrorCode.TRADER_NOT_FOUND:
      case AuthorityErrorCode.API_KEY_NOT_FOUND:
        return 404;
      case AuthorityErrorCode.API_KEY_OWNER_INVALID:
        return 422;
      default:
        return assertUnreachable(this.code);
    }
  }
}
