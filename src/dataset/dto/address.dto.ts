import { ApiProperty, ApiPropertyOptional } from '../../core/http/deferred-api-property';
import { IsDefined, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCountryCode } from '../validators/code-list.validators';
import { SUBDIVISION_CODE } from '../validators/patterns';

export class AddressDto {
  @ApiProperty({ description: 'First address line (street, building)', example: '99 Moo 4, Tha Chang', maxLength: 140 })
  @IsDefined()
  @IsString()
  @Length(1, 140)
  line1!: string;

  @ApiPropertyOptional({ description: 'Second address line', example: 'Building B, 3rd floor', maxLength: 140 })
  @IsOptional()
  @IsString()
  @Length(1, 140)
  line2?: string;

  @ApiPropertyOptional({ description: 'City or town', example: 'Chanthaburi', maxLength: 70 })
  @IsOptional()
  @IsString()
  @Length(1, 70)
  city?: string;

  @ApiPropertyOptional({ description: 'Postal code', example: '22000', maxLength: 17 })
  @IsOptional()
  @IsString()
  @Length(1, 17)
  postcode?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-2 subdivision code', example: 'TH-22', pattern: SUBDIVISION_CODE.source })
  @IsOptional()
  @IsString()
  @Matches(SUBDIVISION_CODE, { message: 'subdivision must be an ISO 3166-2 code such as TH-22' })
  subdivision?: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code', example: 'TH', minLength: 2, maxLength: 2 })
  @IsDefined()
  @IsCountryCode()
  country!: string;
}
