import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BATCH_MAX_ITEMS } from '../../core/http/batch-body';
import type { Problem } from '../../core/errors/problem';
import { ProblemView } from '../../core/http/problem.view';
import { CertificateDocumentDto } from '../../dataset/dto/certificate-document.dto';
import { CertificateView } from './certificate.view';

export enum BatchItemOutcome {
  /** Created and issued by this request. */
  ISSUED = 'ISSUED',
  /** Issued before with this very content under this number: the certificate as it stands, not a 409. */
  ALREADY_ISSUED = 'ALREADY_ISSUED',
  /** Refused: the problem is the one the single endpoints give for this item. */
  FAILED = 'FAILED',
}

export class CertificateBatchRequestDto {
  @ApiProperty({ type: CertificateDocumentDto, isArray: true, minItems: 1, maxItems: BATCH_MAX_ITEMS, description: `1 to ${BATCH_MAX_ITEMS} ORIGINAL certificates, each as POST /v1/certificates takes it` })
  certificates!: CertificateDocumentDto[];
}

export class CertificateBatchItemView {
  @ApiProperty({ example: 0, description: 'The position of the item in the request' }) index!: number;
  @ApiProperty({ enum: BatchItemOutcome }) outcome!: BatchItemOutcome;
  @ApiProperty({ example: 201, description: 'The status the single endpoints would have answered: 201 issued, 200 already issued, else the problem status' }) status!: number;
  @ApiPropertyOptional({ type: CertificateView, description: 'ISSUED and ALREADY_ISSUED: the certificate' }) certificate?: CertificateView;
  @ApiPropertyOptional({ type: ProblemView, description: 'FAILED: the problem, with the code and violations of the single endpoints (paths within the item)' }) problem?: Problem;
}

export class CertificateBatchView {
  @ApiProperty({ example: 498 }) issued!: number;
  @ApiProperty({ example: 1 }) alreadyIssued!: number;
  @ApiProperty({ example: 1 }) failed!: number;
  @ApiProperty({ type: CertificateBatchItemView, isArray: true, description: 'One result per item, in the order of the request' }) results!: CertificateBatchItemView[];
}
