import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';

export enum AuditErrorCode {
  CHECKPOINT_NOT_FOUND = 'CHECKPOINT_NOT_FOUND',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const AUDIT_ERROR_STATUS = {
  [AuditErrorCode.CHECKPOINT_NOT_FOUND]: HttpStatus.NOT_FOUND,
} satisfies Record<AuditErrorCode, HttpStatus>;

/** The audit feature's coded exception. */
export class AuditError extends CodedError<AuditErrorCode> {
  constructor(code: AuditErrorCode, message: string) {
    super(code, message, AUDIT_ERROR_STATUS);
  }
}
