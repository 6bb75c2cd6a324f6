import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CertificateOrigin, CertificateStatus, ImportStatus } from '../domain/certificate-status';

// Query strings arrive as strings and stay strings: nothing is converted implicitly.
export class ListCertificatesQuery {
  @ApiPropertyOptional({ enum: CertificateStatus }) @IsOptional() @IsEnum(CertificateStatus) status?: CertificateStatus;
  @ApiPropertyOptional({ enum: ImportStatus, description: "The importing customs' state" }) @IsOptional() @IsEnum(ImportStatus) importStatus?: ImportStatus;
  @ApiPropertyOptional({ enum: CertificateOrigin, description: 'LOCAL: issued through this hub; RECEIVED: sent by a partner hub' }) @IsOptional() @IsEnum(CertificateOrigin) origin?: CertificateOrigin;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 35) certificateNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 35) ucr?: string;
  @ApiPropertyOptional({ example: 'KH' }) @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'exportCountry must be an ISO 3166-1 alpha-2 code' }) exportCountry?: string;
  @ApiPropertyOptional({ example: 'JP' }) @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'importCountry must be an ISO 3166-1 alpha-2 code' }) importCountry?: string;
  @ApiPropertyOptional({ description: 'Exporter party id' }) @IsOptional() @IsString() @Length(1, 64) exporter?: string;
  @ApiPropertyOptional({ description: 'Consignee party id' }) @IsOptional() @IsString() @Length(1, 64) consignee?: string;
  @ApiPropertyOptional({ description: 'Issued at or after (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) issuedFrom?: string;
  @ApiPropertyOptional({ description: 'Issued before (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) issuedTo?: string;
  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) createdFrom?: string;
  @ApiPropertyOptional({ description: 'Created before (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) createdTo?: string;
  @ApiPropertyOptional({ description: 'Page size, 1 to 200 (default 50)' }) @IsOptional() @Matches(/^(200|1\d\d|[1-9]\d?)$/, { message: 'limit must be a whole number from 1 to 200' }) limit?: string;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @Length(1, 200) cursor?: string;
}
