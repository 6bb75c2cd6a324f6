import { HttpStatus } from '@nestjs/common';
import { CodedError } from '../core/errors/coded-error';
import type { Violation } from '../core/errors/violation';

export enum ApplicationErrorCode {
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  /** An exporter applies only in its own name: the document's exporter.id is the caller's party id. */
  EXPORTER_NOT_CALLER = 'EXPORTER_NOT_CALLER',
  /** The authority named is not an issuing authority registered here. */
  AUTHORITY_NOT_ISSUER = 'AUTHORITY_NOT_ISSUER',
  /** The step is not allowed from the application's state (or by the claim it is under). */
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  /** Decisions record the officer: the API key names none (officerId). */
  OFFICER_REQUIRED = 'OFFICER_REQUIRED',
  /** The officer who last changed the data may not approve it. */
  FOUR_EYES_REQUIRED = 'FOUR_EYES_REQUIRED',
  /** The exporter's signature no longer covers its declaration (it changed since): a fresh one is needed. */
  DECLARATION_SIGNATURE_VOID = 'DECLARATION_SIGNATURE_VOID',
  /** The exporter's signature does not verify over the declaration, or not to the authority's trust anchors. */
  DECLARATION_SIGNATURE_INVALID = 'DECLARATION_SIGNATURE_INVALID',
  /** The application holds as many supporting documents as allowed. */
  TOO_MANY_DOCUMENTS = 'TOO_MANY_DOCUMENTS',
  DOCUMENT_NOT_FOUND = 'DOCUMENT_NOT_FOUND',
}

/** The HTTP status of each code (a new code without one does not compile). */
export const APPLICATION_ERROR_STATUS = {
  [ApplicationErrorCode.APPLICATION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ApplicationErrorCode.EXPORTER_NOT_CALLER]: HttpStatus.FORBIDDEN,
  [ApplicationErrorCode.AUTHORITY_NOT_ISSUER]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ApplicationErrorCode.ILLEGAL_TRANSITION]: HttpStatus.CONFLICT,
  [ApplicationErrorCode.OFFICER_REQUIRED]: HttpStatus.FORBIDDEN,
  [ApplicationErrorCode.FOUR_EYES_REQUIRED]: HttpStatus.FORBIDDEN,
  [ApplicationErrorCode.DECLARATION_SIGNATURE_VOID]: HttpStatus.CONFLICT,
  [ApplicationErrorCode.DECLARATION_SIGNATURE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ApplicationErrorCode.TOO_MANY_DOCUMENTS]: HttpStatus.CONFLICT,
  [ApplicationErrorCode.DOCUMENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
} satisfies Record<ApplicationErrorCode, HttpStatus>;

export class ApplicationError extends CodedError<ApplicationErrorCode> {
  constructor(code: ApplicationErrorCode, message: string, extra?: Record<string, unknown>, violations?: Violation[]) {
    super(code, message, APPLICATION_ERROR_STATUS, { extra, violations });
  }

  static notFound(): ApplicationError {
    return new ApplicationError(ApplicationErrorCode.APPLICATION_NOT_FOUND, 'No such application');
  }
}
