import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { KeyStoreKind } from '../keys/key-store.interface';
import { KeyOwnerDto } from './key-owner.dto';

export class SubjectDto {
  @ApiProperty({ example: 'KH-MOC CO signer 2026', description: 'commonName' })
  @IsString()
  @Length(1, 64)
  CN!: string;

  @ApiPropertyOptional({ example: 'Ministry of Commerce', description: 'organizationName' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  O?: string;

  @ApiPropertyOptional({ example: 'Certificate of Origin Office', description: 'organizationalUnitName' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  OU?: string;

  @ApiPropertyOptional({ example: 'KH', description: 'countryName (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'C must be an ISO 3166-1 alpha-2 code' })
  C?: string;

  @ApiPropertyOptional({ example: 'Phnom Penh', description: 'localityName' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  L?: string;

  @ApiPropertyOptional({ example: 'Phnom Penh', description: 'stateOrProvinceName' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  ST?: string;
}

export class GenerateKeyDto extends KeyOwnerDto {
  @ApiPropertyOptional({ type: SubjectDto, description: "The CSR's subject; defaults to the authority's code, name and country" })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject?: SubjectDto;

  @ApiPropertyOptional({ enum: [2048, 3072, 4096], example: 3072, description: 'RSA modulus size (default 3072)' })
  @IsOptional()
  @IsIn([2048, 3072, 4096])
  keyBits?: 2048 | 3072 | 4096;

  @ApiPropertyOptional({
    enum: KeyStoreKind,
    description: 'Where the key is made and kept: DATABASE (sealed under HUB_MASTER_KEY) or PKCS11 (the configured token; the private key never leaves it). Default: PKCS11 when a token is configured, else DATABASE',
  })
  @IsOptional()
  @IsEnum(KeyStoreKind)
  keyStore?: KeyStoreKind;

  @ApiPropertyOptional({ example: 'CO signing 2026', description: 'A label for the operator' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;
}
