import { ApiProperty, ApiPropertyOptional } from '../../core/http/deferred-api-property';
import { IsDefined, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ORIGIN_CRITERION } from '../validators/patterns';

export class OriginCriterionDefinitionDto {
  @ApiProperty({ description: 'Criterion code; components joined by "+"', example: 'CTSH+RVC35', maxLength: 35 })
  @IsDefined()
  @IsString()
  @Length(2, 35)
  @Matches(ORIGIN_CRITERION, { message: 'code must be codes such as WO, CTH or RVC40, joined by "+"' })
  code!: string;

  @ApiProperty({ description: 'What the criterion means', example: 'Change of tariff subheading and RVC of at least 35%', maxLength: 300 })
  @IsDefined()
  @IsString()
  @Length(1, 300)
  description!: string;

  @ApiPropertyOptional({ description: 'RVC threshold in percent, when the criterion is RVC-based', example: 35, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  rvcThresholdPercent?: number;
}
