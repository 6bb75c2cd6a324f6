import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsEnum, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { VerificationResult } from '../domain/case-status';

export class AttachmentUploadDto {
  @ApiProperty({ example: 'mill-records.pdf' }) @IsString() @Length(1, 255) fileName!: string;
  @ApiProperty({ example: 'application/pdf', description: 'application/pdf, image/png, image/jpeg, application/xml or text/plain' }) @IsString() @Length(1, 100) contentType!: string;
  @ApiProperty({ description: 'The bytes, base64 (RFC 4648, padded)' }) @IsString() content!: string;
}

export class VerificationResponseDto {
  @ApiProperty({ enum: VerificationResult, enumName: 'VerificationResult' }) @IsEnum(VerificationResult) result!: VerificationResult;

  @ApiPropertyOptional({ example: 'The paddy was grown and milled in Battambang; mill records attached.' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  remarks?: string;

  @ApiPropertyOptional({ type: AttachmentUploadDto, isArray: true, description: 'Size-capped; hashed with SHA-256 into the signed message' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttachmentUploadDto)
  attachments?: AttachmentUploadDto[];
}
