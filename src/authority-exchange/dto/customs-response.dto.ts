import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DECIMAL_STRING } from '../../dataset/validators/patterns';

/** What importing customs may answer through the API; a case's decision goes through the case. */
export enum CustomsResponseDecision {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  USE = 'USE',
}

export class UseLineDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(99999) itemNumber!: number;
  @ApiProperty({ example: '12500', description: 'Decimal string, in the unit the item states' })
  @IsString()
  @Length(1, 32)
  @Matches(DECIMAL_STRING, { message: 'quantity must be a decimal string such as "12500.5"' })
  quantity!: string;
  @ApiProperty({ example: 'KGM', description: 'UNECE Rec 20' }) @IsString() @Matches(/^[A-Z0-9]{1,3}$/, { message: 'unit must be a UNECE Rec 20 code' }) unit!: string;
}

export class CustomsResponseDto {
  @ApiProperty({ enum: CustomsResponseDecision, enumName: 'CustomsResponseDecision' }) @IsEnum(CustomsResponseDecision) decision!: CustomsResponseDecision;

  @ApiPropertyOptional({ example: 'Consignee on the certificate is not the importer of record', description: 'Required to REJECT' })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  reason?: string;

  @ApiPropertyOptional({ type: UseLineDto, isArray: true, description: 'Required to USE: the quantities used per item' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(999)
  @ValidateNested({ each: true })
  @Type(() => UseLineDto)
  uses?: UseLineDto[];
}
