import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';

export enum DatasetErrorCode {
  PROFILE_VERSION_EXISTS = 'PROFILE_VERSION_EXISTS',
  PROFILE_NOT_FOUND = 'PROFILE_NOT_FOUND',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const DATASET_ERROR_STATUS = {
  [DatasetErrorCode.PROFILE_VERSION_EXISTS]: HttpStatus.CONFLICT,
  [DatasetErrorCode.PROFILE_NOT_FOUND]: HttpStatus.NOT_FOUND,
} satisfies Record<DatasetErrorCode, HttpStatus>;

export class DatasetError extends CodedError<DatasetErrorCode> {
  constructor(
    code: DatasetErrorCode,
    message: string,
  ) {
    super(code, message, DATASET_ERROR_STATUS);
  }
}
