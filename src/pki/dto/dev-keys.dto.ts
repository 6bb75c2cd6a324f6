import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AUTHORITY_CODE } from './key-owner.dto';

export class DevKeysDto {
  @ApiPropertyOptional({ example: ['KH-MOC'], description: 'Authorities to equip (default: every registered authority, and the node)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(AUTHORITY_CODE, { each: true, message: 'each authority must be an authority code such as KH-MOC' })
  authorities?: string[];

  @ApiPropertyOptional({ example: true, description: 'Equip the hub node too (default: true when no authorities are named)' })
  @IsOptional()
  @IsBoolean()
  node?: boolean;

  @ApiPropertyOptional({ enum: [2048, 3072], example: 2048, description: 'RSA modulus size (default 2048: quick to make)' })
  @IsOptional()
  @IsIn([2048, 3072])
  keyBits?: 2048 | 3072;

  @ApiPropertyOptional({ example: 730, description: 'Validity of the signing certificates in days (default 730)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  validDays?: number;
}
