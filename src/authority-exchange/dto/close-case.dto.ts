import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { CaseDecision } from '../domain/case-status';

export class CloseCaseDto {
  @ApiProperty({ enum: CaseDecision, enumName: 'CaseDecision', description: 'VERIFIED moves importStatus to VERIFIED, REJECTED to REJECTED' })
  @IsEnum(CaseDecision)
  decision!: CaseDecision;

  @ApiPropertyOptional({ example: 'Mill records confirm wholly obtained rice', description: 'Required to reject' })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  remarks?: string;
}
