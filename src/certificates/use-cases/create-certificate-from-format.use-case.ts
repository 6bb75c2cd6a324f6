import { Injectable } from '@nestjs/common';
import type { AuthorityPrincipal } from '../../core/auth/principal';
import { RequestError, RequestErrorCode } from '../../core/errors/request-error';
import type { IdempotencyScope, IdempotentResult } from '../../core/http/idempotency-records';
import { inFormat, readFormatDocument } from '../../dataset/formats/format-reader';
import type { CertificateView } from '../dto/certificate.view';
import { CreateCertificateUseCase } from './create-certificate.use-case';

/**
 * POST /v1/certificates with a UBL 2.4 or edi3 JSON body: the document is checked against its format's
 * schema, read into the dataset, and created like a JSON body; every problem, the dataset rules' too,
 * is named by its path in the document as it was sent.
 */
@Injectable()
export class CreateCertificateFromFormatUseCase {
  constructor(private readonly create: CreateCertificateUseCase) {}

  async execute(principal: AuthorityPrincipal, mediaType: string, bytes: Buffer, scope?: IdempotencyScope): Promise<IdempotentResult<CertificateView>> {
    const read = await readFormatDocument(mediaType, bytes);
    if (!read.ok) throw RequestError.validation(read.violations);
    try {
      return await this.create.execute(principal, read.document, { scope, present: (view) => ({ ...view, warnings: inFormat(view.warnings, read.pathOf) }) });
    } catch (error) {
      if (error instanceof RequestError && error.code === RequestErrorCode.VALIDATION_FAILED && error.violations) {
        throw RequestError.validation(inFormat(error.violations, read.pathOf));
      }
      throw error;
    }
  }
}
