import { DomainError, assertUnreachable } from '../core/errors/domain-error';

export enum AuditErrorCode {
  CHECKPOINT_NOT_FOUND = 'CHECKPOINT_NOT_FOUND',
}

/** The audit feature's coded exception, mapped to HTTP by an exhaustive switch. */
export class AuditError extends DomainError {
  constructor(
    readonly code: AuditErrorCode,
    message: string,
  ) {
    super(message);
  }

  httpStatus(): number {
    switch (this.code) {
      case AuditErrorCode.CHECKPOINT_NOT_FOUND:
        return 404;
      default:
        return assertUnreachable(this.code);
    }
  }
}
