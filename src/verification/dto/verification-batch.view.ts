import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Problem } from '../../core/errors/problem';
import { BATCH_MAX_ITEMS } from '../../core/http/batch-body';
import { ProblemView } from '../../core/http/problem.view';
import { VerificationView } from './verification.view';

export class VerificationReferenceDto {
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiProperty({ example: 'KH-RCEP-2026-000123' }) certificateNumber!: string;
  @ApiPropertyOptional({ example: 0, description: '0 for the original (default), 1.. for certified true copies' }) copyNumber?: number;
}

export class VerificationBatchRequestDto {
  @ApiProperty({ type: VerificationReferenceDto, isArray: true, minItems: 1, maxItems: BATCH_MAX_ITEMS, description: `1 to ${BATCH_MAX_ITEMS} references, each as POST /v1/verifications takes one` })
  references!: VerificationReferenceDto[];
}

export class VerificationBatchItemView {
  @ApiProperty({ example: 0, description: 'The position of the reference in the request' }) index!: number;
  @ApiProperty({ example: 200, description: 'The status POST /v1/verifications would have answered' }) status!: number;
  @ApiPropertyOptional({ type: VerificationView, description: 'The verdict, in the scope of the caller, as POST /v1/verifications gives it' }) verification?: VerificationView;
  @ApiPropertyOptional({ type: ProblemView, description: 'A reference that could not be verified: 422 for a malformed one, 429 over the public limit' }) problem?: Problem;
}

export class VerificationBatchView {
  @ApiProperty({ example: 499 }) verified!: number;
  @ApiProperty({ example: 1 }) failed!: number;
  @ApiProperty({ type: VerificationBatchItemView, isArray: true, description: 'One result per reference, in the order of the request' }) results!: VerificationBatchItemView[];
}
