import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'KH-MOC', description: 'The authority the key acts for (exactly one of authority and trader)' })
  @IsOptional()
  @IsString()
  @Length(1, 35)
  authority?: string;

  @ApiPropertyOptional({ example: 'KH-TIN-1234567', description: 'The trader the key acts for' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  trader?: string;

  @ApiPropertyOptional({ example: 'customs single window', description: 'A label for the operator' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;
}
