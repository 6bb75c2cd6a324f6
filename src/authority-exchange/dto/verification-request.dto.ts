import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class VerificationRequestDto {
  @ApiProperty({ example: 'Origin criterion WO doubtful: the exporter also trades Thai rice', description: 'Why the importing customs ask' })
  @IsString()
  @Length(3, 2000)
  reason!: string;

  @ApiProperty({ type: String, isArray: true, example: ['Where was the paddy grown and milled?'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(3, 1000, { each: true })
  questions!: string[];

  @ApiPropertyOptional({ type: String, isArray: true, example: ['Mill records for lot 7'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(3, 500, { each: true })
  requestedDocuments?: string[];

  @ApiPropertyOptional({ example: 60, description: "Days to answer, within the agreement's window (default: its upper bound)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  responseDays?: number;
}
