import { ApiProperty } from '../../core/http/deferred-api-property';
import { IsDefined, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsIsoDateTime } from '../validators/format.validators';
import { CertificateDocumentDto } from './certificate-document.dto';

/**
 * A certificate document as issued: the body plus what the hub sets (the document signed, sent to
 * partners and received from them). Never accepted from a create request.
 */
export class IssuedCertificateDocumentDto extends CertificateDocumentDto {
  @ApiProperty({ description: 'Code of the issuing authority, set by the hub from the caller', example: 'TH-DFT', maxLength: 64 })
  @IsDefined()
  @IsString()
  @Length(1, 64)
  issuingAuthority!: string;

  @ApiProperty({ description: 'Issue date and time, set by the hub', example: '2026-05-12T08:30:00Z', format: 'date-time' })
  @IsDefined()
  @IsIsoDateTime()
  issueDateTime!: string;

  @ApiProperty({ description: '0 for the original, 1, 2, ... for certified true copies; set by the hub', example: 0, required: false })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999)
  copyNumber?: number;
}
