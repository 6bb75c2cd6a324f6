import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { DOCUMENT_NUMBER } from '../../dataset/validators/patterns';

// Query strings arrive as strings and stay strings. The UCR's WCO format is checked by the service
// (rule CO-UCR-001), with the same message as on a certificate.
export class PrefillQuery {
  @ApiPropertyOptional({ description: 'WCO Unique Consignment Reference', example: '6KH1234567-CFF26051201' }) @IsOptional() @IsString() @Length(1, 35) ucr?: string;
  @ApiPropertyOptional({ description: 'Certificate number (instead of, or with, the UCR)', example: 'KH-RCEP-2026-000123' })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  @Matches(DOCUMENT_NUMBER, { message: 'certificateNumber must be a document number' })
  certificateNumber?: string;
  @ApiPropertyOptional({ description: 'Issuing authority, when the number alone is ambiguous', example: 'KH-MOC' }) @IsOptional() @IsString() @Length(2, 35) issuingAuthority?: string;
}
