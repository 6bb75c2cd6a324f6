import { ApiProperty, ApiPropertyOptional } from '../../core/http/deferred-api-property';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { AddressDto } from './address.dto';

/** An exporter, consignee, producer or third-party invoicing operator. */
export class PartyDto {
  @ApiPropertyOptional({
    description: 'Identifier starting with the ISO country code of the registry that issued it (rule CO-PARTY-001)',
    example: 'TH-TAX-0105561000001',
    maxLength: 70,
  })
  @IsOptional()
  @IsString()
  @Length(4, 70)
  id?: string;

  @ApiProperty({ description: 'Legal name', example: 'Chanthaburi Fresh Fruit Co., Ltd.', maxLength: 200 })
  @IsDefined()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Postal address', type: () => AddressDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}
