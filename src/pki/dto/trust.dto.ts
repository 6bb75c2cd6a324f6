import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsBoolean, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { KeyOwnerDto, PEM_MAX } from './key-owner.dto';

export class RegisterTrustAnchorDto extends KeyOwnerDto {
  @ApiPropertyOptional({ example: true, description: "The CAs of partner nodes: once one is registered, every partner's node certificate must chain to one of them" })
  @IsOptional()
  @IsBoolean()
  partnerNodes?: boolean;

  @ApiProperty({ description: 'The CA certificate (PEM) the signing certificates must chain to' })
  @IsString()
  @Length(1, PEM_MAX)
  certificatePem!: string;

  @ApiPropertyOptional({ example: 'Cambodia MOC root CA', description: 'A label for the operator' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;
}

export class UploadCrlDto {
  @ApiPropertyOptional({ description: 'The CRL as PEM (give crlPem or crlBase64)' })
  @IsOptional()
  @IsString()
  @Length(1, 4 * 1024 * 1024)
  crlPem?: string;

  @ApiPropertyOptional({ description: 'The CRL as base64 DER' })
  @IsOptional()
  @IsString()
  @Length(1, 4 * 1024 * 1024)
  @IsBase64()
  crlBase64?: string;
}

export class VerifySignatureDto extends KeyOwnerDto {
  @ApiProperty({ description: 'The signed bytes (the canonical document), base64' })
  @IsString()
  @Length(1, 4 * 1024 * 1024)
  @IsBase64()
  documentBase64!: string;

  @ApiProperty({ description: 'The detached CMS signature: base64 DER, or PEM text' })
  @IsString()
  @Length(1, 1024 * 1024)
  signature!: string;

  @ApiProperty({ example: '2026-03-02T09:30:00Z', description: 'The hub-recorded issue time the signer must have been valid at' })
  @IsISO8601({ strict: true })
  issueTime!: string;
}
