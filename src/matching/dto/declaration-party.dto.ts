import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { AddressDto } from '../../dataset/dto/address.dto';

/** The consignee (importer) of a declaration: the id is what matching compares. */
export class DeclarationPartyDto {
  @ApiProperty({ description: 'Identifier starting with the country code of its registry, as on the certificate', example: 'JP-CN-1234567890123', maxLength: 70 })
  @IsDefined()
  @IsString()
  @Length(4, 70)
  id!: string;

  @ApiProperty({ example: 'Osaka Grain Trading K.K.', maxLength: 200 })
  @IsDefined()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: () => AddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}
