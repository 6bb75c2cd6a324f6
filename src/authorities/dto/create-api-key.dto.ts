import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

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

  @ApiPropertyOptional({
    example: 'officer-0042',
    description:
      "An authority key only: the officer (a person of the authority) who holds the key. Application decisions record it, and four eyes compares officers, not keys: one officer's two keys are one person",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'officerId is 1 to 64 letters, digits, dots, dashes or underscores' })
  officerId?: string;

  @ApiPropertyOptional({ example: 'customs single window', description: 'A label for the operator' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;
}
