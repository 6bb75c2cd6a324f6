import { DomainError, assertUnreachable } from '../core/errors/domain-error';

export enum DatasetErrorCode {
  PROFILE_VERSION_EXISTS = 'PROFILE_VERSION_EXISTS',
  PROFILE_NOT_FOUND = 'PROFILE_NOT_FOUND',
}

export class DatasetError extends DomainError {
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
  ) {
    super(message);
  }

  httpStatus(): number {
    switch (this.code) {
      case DatasetErrorCode.PROFILE_VERSION_EXISTS:
        return 409;
      case DatasetErrorCode.PROFILE_NOT_FOUND:
        return 404;
      default:
        return assertUnreachable(this.code);
    }
  }
}
