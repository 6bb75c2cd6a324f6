import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsIsoDate } from '../../dataset/validators/format.validators';
import { AGREEMENT_CODE, DOCUMENT_NUMBER } from '../../dataset/validators/patterns';
import { DeclarationLineDto } from './declaration-line.dto';
import { DeclarationPartyDto } from './declaration-party.dto';

/** The origin-relevant data of an import declaration, sent by the importing customs. */
export class ImportDeclarationDto {
  @ApiProperty({ description: "The customs' number of the declaration, unique per customs authority", example: 'JP-IMP-2026-000042', maxLength: 35 })
  @IsDefined()
  @IsString()
  @Length(1, 35)
  @Matches(DOCUMENT_NUMBER, { message: 'declarationNumber must be letters, digits, space, ".", "_", "/" or "-", starting and ending with a letter or digit' })
  declarationNumber!: string;

  @ApiProperty({ description: 'Date of the declaration (YYYY-MM-DD); the certificate is judged as at the end of that day, UTC', example: '2026-05-20' })
  @IsDefined()
  @IsIsoDate()
  declarationDate!: string;

  @ApiPropertyOptional({ description: 'WCO Unique Consignment Reference: the key matched with the certificate', example: '6KH1234567-CFF26051201', maxLength: 35 })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  ucr?: string;

  @ApiPropertyOptional({ description: 'The certificate of origin claimed, when one is', example: 'KH-RCEP-2026-000123', maxLength: 35 })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  @Matches(DOCUMENT_NUMBER, { message: 'certificateNumber must be a document number' })
  certificateNumber?: string;

  @ApiPropertyOptional({ description: 'The issuing authority of that certificate, when its number alone is ambiguous', example: 'KH-MOC', maxLength: 35 })
  @IsOptional()
  @IsString()
  @Length(2, 35)
  issuingAuthority?: string;

  @ApiProperty({ type: () => DeclarationPartyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationPartyDto)
  consignee!: DeclarationPartyDto;

  @ApiPropertyOptional({ description: 'The agreement preference is claimed under; required when a line claims preference', example: 'RCEP' })
  @IsOptional()
  @IsString()
  @Matches(AGREEMENT_CODE, { message: 'agreement must be an agreement profile code such as RCEP' })
  agreement?: string;

  @ApiProperty({ type: () => DeclarationLineDto, isArray: true })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(999)
  @ValidateNested({ each: true })
  @Type(() => DeclarationLineDto)
  lines!: DeclarationLineDto[];
}
