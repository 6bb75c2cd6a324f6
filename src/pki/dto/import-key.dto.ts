import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { KeyOwnerDto, PEM_MAX } from './key-owner.dto';

export class ImportPkcs12Dto extends KeyOwnerDto {
  @ApiProperty({ description: 'The PKCS#12 (.p12 / .pfx) file, base64: private key, signing certificate and chain' })
  @IsString()
  @Length(1, 512 * 1024)
  @IsBase64()
  pkcs12!: string;

  @ApiProperty({ description: 'The PKCS#12 password (may be empty)', example: 'changeit' })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ example: 'CO signing 2026', description: 'A label for the operator' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;
}

export class ImportPemDto extends KeyOwnerDto {
  @ApiProperty({ description: 'The private key (PEM: PKCS#8, PKCS#1 or encrypted PKCS#8)' })
  @IsString()
  @Length(1, PEM_MAX)
  privateKeyPem!: string;

  @ApiProperty({ description: 'The signing certificate (PEM); the chain may follow it' })
  @IsString()
  @Length(1, PEM_MAX)
  certificatePem!: string;

  @ApiPropertyOptional({ description: 'The intermediate CA certificates up to a registered trust anchor (PEM)' })
  @IsOptional()
  @IsString()
  @Length(1, PEM_MAX)
  chainPem?: string;

  @ApiPropertyOptional({ description: 'The passphrase of an encrypted private key' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  passphrase?: string;

  @ApiPropertyOptional({ example: 'CO signing 2026', description: 'A label for the operator' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;
}
