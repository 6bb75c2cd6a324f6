import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DayCounting, RejectionReason } from '../domain/application-status';

export class CreateApplicationDto {
  @ApiProperty({ example: 'KH-MOC', description: 'The issuing authority applied to (an ISSUER registered here)' })
  @IsString()
  @Length(1, 35)
  authority!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The certificate data as a draft (common dataset v1, as POST /v1/certificates takes it). Its exporter.id must be the caller's party id; exporterDeclaration (statement, place, date, signatoryName) is the exporter's declaration",
  })
  @IsObject()
  certificate!: Record<string, unknown>;
}

export class CertificateDataDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The whole certificate data, replacing the previous one' })
  @IsObject()
  certificate!: Record<string, unknown>;
}

export class DeclarationSignatureDto {
  @ApiProperty({
    description:
      "The exporter's detached CMS SignedData (base64 DER, or a PEM block) over the canonical declaration that GET /v1/applications/{id}/declaration returns, made with a key whose certificate chains to a trust anchor of the authority applied to",
  })
  @IsString()
  @Length(1, 65536)
  signature!: string;
}

export class CommentDto {
  @ApiProperty({ example: 'items[0].hsCode', description: 'The field commented on, as a JSON path of the certificate data' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9]*(\[\d{1,4}\])?(\.[A-Za-z][A-Za-z0-9]*(\[\d{1,4}\])?){0,6}$/, { message: 'path must be a JSON path of the certificate data, such as items[0].hsCode' })
  @Length(1, 200)
  path!: string;

  @ApiProperty({ example: 'The invoice shows 1006.30 for the broken rice: check the subheading' })
  @IsString()
  @Length(1, 4000)
  text!: string;
}

export class RequestChangesDto {
  @ApiProperty({ example: 'Please attach the cost statement for item 2 and correct the HS code (see the comments)' })
  @IsString()
  @Length(1, 4000)
  message!: string;
}

export class RejectionReasonDto {
  @ApiProperty({ enum: RejectionReason, enumName: 'RejectionReason' })
  @IsEnum(RejectionReason)
  code!: RejectionReason;

  @ApiPropertyOptional({ example: 'The bill of materials shows 62% non-originating value' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  text?: string;
}

export class RejectDto {
  @ApiProperty({ type: RejectionReasonDto, isArray: true, description: 'At least one coded reason' })
  @ValidateNested({ each: true })
  @Type(() => RejectionReasonDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  reasons!: RejectionReasonDto[];
}

export class ApplicationSettingsDto {
  @ApiProperty({ description: 'The officer who last changed the data may not approve it' })
  @IsBoolean()
  fourEyes!: boolean;

  @ApiProperty({ enum: DayCounting, enumName: 'DayCounting', description: 'How the days of the service level are counted: CALENDAR days, or WEEKDAYS (Monday to Friday, UTC)' })
  @IsEnum(DayCounting)
  dayCounting!: DayCounting;

  @ApiProperty({ example: 3, description: 'Issue within this many days of the submission, unless the agreement has its own number' })
  @IsInt()
  @Min(1)
  @Max(365)
  serviceDays!: number;

  @ApiProperty({ example: { RCEP: 2 }, type: 'object', additionalProperties: { type: 'integer' }, description: 'The service level of each agreement (profile code to days)' })
  @IsObject()
  serviceDaysByAgreement!: Record<string, number>;
}
