import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsCountryCode } from '../../dataset/validators/country-code.validator';

export class RegisterTraderDto {
  @ApiProperty({ example: 'KH-TIN-1234567', description: 'The party id as it appears in exporter.id or consignee.id; starts with the registry country code' })
  @IsString()
  @Matches(/^[A-Z]{2}-[A-Za-z0-9][A-Za-z0-9.-]{0,60}$/, { message: 'id must start with a country code and a hyphen, e.g. KH-TIN-1234567' })
  id!: string;

  @ApiProperty({ example: 'Angkor Rice Export Co., Ltd.' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'KH' })
  @IsCountryCode()
  country!: string;
}
