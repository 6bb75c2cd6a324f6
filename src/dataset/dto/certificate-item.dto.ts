import { ApiProperty, ApiPropertyOptional } from '../../core/http/deferred-api-property';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCountryCode, IsPackageTypeCode } from '../validators/code-list.validators';
import { IsHsCode } from '../validators/format.validators';
import { DOCUMENT_NUMBER, ORIGIN_CRITERION } from '../validators/patterns';
import { MeasureDto } from './measure.dto';
import { MoneyDto } from './money.dto';

export class CertificateItemDto {
  @ApiProperty({ description: 'Item number, from 1 and consecutive (rules CO-ITEM-001, CO-ITEM-002)', example: 1, minimum: 1, maximum: 9999 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(9999)
  itemNumber!: number;

  @ApiPropertyOptional({ description: 'Marks and numbers on the packages', example: 'GZJN/MONTHONG/1-1100', maxLength: 512 })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  marksAndNumbers?: string;

  @ApiPropertyOptional({ description: 'Number of packages', example: 1100, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999_999_999)
  packageCount?: number;

  @ApiPropertyOptional({ description: 'Kind of packages, UNECE Recommendation 21', example: 'BX' })
  @IsOptional()
  @IsPackageTypeCode()
  packageType?: string;

  @ApiProperty({ description: 'Description of the goods', example: 'Fresh durian, Monthong variety', maxLength: 1000 })
  @IsDefined()
  @IsString()
  @Length(1, 1000)
  description!: string;

  @ApiProperty({ description: 'HS subheading, six digits; NNNN.NN is accepted and normalised to NNNNNN', example: '081060' })
  @IsDefined()
  @IsHsCode()
  hsCode!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country of origin', example: 'TH' })
  @IsDefined()
  @IsCountryCode()
  originCountry!: string;

  @ApiPropertyOptional({
    description: 'Origin criterion allowed by the agreement: WO, PE, CTH, CTSH, CC, RVC40, SP, or a combination such as CTSH+RVC35; required when preferential',
    example: 'WO',
    maxLength: 35,
  })
  @IsOptional()
  @IsString()
  @Length(2, 35)
  @Matches(ORIGIN_CRITERION, { message: 'originCriterion must be codes such as WO, CTH or RVC40, joined by "+"' })
  originCriterion?: string;

  @ApiPropertyOptional({ description: 'Gross weight (give grossWeight, quantity or both)', type: () => MeasureDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MeasureDto)
  grossWeight?: MeasureDto;

  @ApiPropertyOptional({ description: 'Quantity (give grossWeight, quantity or both)', type: () => MeasureDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MeasureDto)
  quantity?: MeasureDto;

  @ApiPropertyOptional({ description: 'FOB value; required when the origin criterion is RVC-based', type: () => MoneyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  fobValue?: MoneyDto;

  @ApiPropertyOptional({ description: 'Number of the header invoice this item is on', example: 'CFF-26-0512-01', maxLength: 35 })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  @Matches(DOCUMENT_NUMBER, { message: 'invoiceNumber must be letters, digits, space, ".", "_", "/" or "-", starting and ending with a letter or digit' })
  invoiceNumber?: string;
}
