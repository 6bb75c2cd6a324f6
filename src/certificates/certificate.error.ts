import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';
import type { Violation } from '../core/errors/violation';

export enum CertificateErrorCode {
  CERTIFICATE_NOT_FOUND = 'CERTIFICATE_NOT_FOUND',
  CERTIFICATE_NUMBER_TAKEN = 'CERTIFICATE_NUMBER_TAKEN',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  INVALID_CURSOR = 'INVALID_CURSOR',
  /** A use asks for more than remains of an item, or for an item or unit the certificate does not state. */
  USE_NOT_AVAILABLE = 'USE_NOT_AVAILABLE',
  /** The same use reference was recorded before with other quantities. */
  USE_REFERENCE_REUSED = 'USE_REFERENCE_REUSED',
  /** The importing customs' move is not allowed from the certificate's importStatus (or its status). */
  ILLEGAL_IMPORT_TRANSITION = 'ILLEGAL_IMPORT_TRANSITION',
  /** A draft: nothing is signed yet (its signed document and signature do not exist). */
  CERTIFICATE_NOT_ISSUED = 'CERTIFICATE_NOT_ISSUED',
  /** Issued without a signature (the unsigned benchmark mode). */
  SIGNATURE_NOT_FOUND = 'SIGNATURE_NOT_FOUND',
  /** No rendition in that format was made while the record's key could sign, and it no longer can (or the copy came without one). */
  RENDITION_NOT_AVAILABLE = 'RENDITION_NOT_AVAILABLE',
  /** The record holds text the format cannot carry (control characters in XML). */
  RENDITION_NOT_WRITABLE = 'RENDITION_NOT_WRITABLE',
  /** `format` names no format the hub renders. */
  UNKNOWN_FORMAT = 'UNKNOWN_FORMAT',
  /** No status list of that authority and purpose is published here (or no such entry in it). */
  STATUS_LIST_NOT_FOUND = 'STATUS_LIST_NOT_FOUND',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const CERTIFICATE_ERROR_STATUS = {
  [CertificateErrorCode.CERTIFICATE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CertificateErrorCode.CERTIFICATE_NUMBER_TAKEN]: HttpStatus.CONFLICT,
  [CertificateErrorCode.ILLEGAL_TRANSITION]: HttpStatus.CONFLICT,
  [CertificateErrorCode.INVALID_CURSOR]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CertificateErrorCode.USE_NOT_AVAILABLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CertificateErrorCode.USE_REFERENCE_REUSED]: HttpStatus.CONFLICT,
  [CertificateErrorCode.ILLEGAL_IMPORT_TRANSITION]: HttpStatus.CONFLICT,
  [CertificateErrorCode.CERTIFICATE_NOT_ISSUED]: HttpStatus.CONFLICT,
  [CertificateErrorCode.SIGNATURE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CertificateErrorCode.RENDITION_NOT_AVAILABLE]: HttpStatus.CONFLICT,
  [CertificateErrorCode.RENDITION_NOT_WRITABLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CertificateErrorCode.UNKNOWN_FORMAT]: HttpStatus.BAD_REQUEST,
  [CertificateErrorCode.STATUS_LIST_NOT_FOUND]: HttpStatus.NOT_FOUND,
} satisfies Record<CertificateErrorCode, HttpStatus>;

export class CertificateError extends CodedError<CertificateErrorCode> {
  constructor(
    code: CertificateErrorCode,
    message: string,
    extra?: Record<string, unknown>,
    violations?: Violation[],
  ) {
    super(code, message, CERTIFICATE_ERROR_STATUS, { extra, violations });
  }

  static notFound(): CertificateError {
    return new CertificateError(CertificateErrorCode.CERTIFICATE_NOT_FOUND, 'No such certificate');
  }

  /** 409: the issuer already holds a certificate under this number. */
  static numberTaken(certificateNumber: string | undefined): CertificateError {
    return new CertificateError(CertificateErrorCode.CERTIFICATE_NUMBER_TAKEN, `Certificate number ${certificateNumber} is already used by this authority`);
  }
}
