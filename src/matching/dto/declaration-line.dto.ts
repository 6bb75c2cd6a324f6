import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MeasureDto } from '../../dataset/dto/measure.dto';
import { MoneyDto } from '../../dataset/dto/money.dto';
import { IsCountryCode } from '../../dataset/validators/code-list.validators';

/** An HS subheading or a national tariff line of eight or ten digits, dots between pairs allowed. */
export const TARIFF_CODE = /^[0-9]{4}\.?[0-9]{2}(?:\.?[0-9]{2}){0,2}$/;

/** One line of an import declaration, as far as origin goes. */
export class DeclarationLineDto {
  @ApiProperty({ example: 1, minimum: 1, maximum: 999 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(999)
  lineNumber!: number;

  @ApiProperty({ description: 'Tariff code: the HS subheading (6 digits) or a national line (8 or 10) starting with it', example: '10063090' })
  @IsDefined()
  @IsString()
  @Matches(TARIFF_CODE, { message: 'hsCode must be 6, 8 or 10 digits (dots between pairs allowed), such as 100630 or 1006.30.90' })
  hsCode!: string;

  @ApiPropertyOptional({ example: 'Jasmine rice, milled', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  description?: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country of origin declared', example: 'KH' })
  @IsDefined()
  @IsCountryCode()
  originCountry!: string;

  @ApiProperty({ description: 'Quantity in a UNECE Recommendation 20 unit; converted to the certificate unit where the dimension allows', type: () => MeasureDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MeasureDto)
  quantity!: MeasureDto;

  @ApiPropertyOptional({ description: 'Customs value of the line (not compared: the certificate states FOB)', type: () => MoneyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  value?: MoneyDto;

  @ApiProperty({ description: 'Whether tariff preference is claimed for the line (under the declaration agreement)', example: true })
  @IsDefined()
  @IsBoolean()
  preferenceClaimed!: boolean;

  @ApiPropertyOptional({ description: 'The certificate item the line is covered by; otherwise paired by HS subheading', example: 1, minimum: 1, maximum: 9999 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  certificateItemNumber?: number;
}
