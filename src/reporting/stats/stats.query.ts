import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

// Strings as sent; the window is checked as a whole by domain/stats-window.ts (every problem at once).
export class StatsQuery {
  @ApiPropertyOptional({ description: 'Start, inclusive: YYYY-MM-DD or an ISO 8601 date-time (default: 30 days, 12 weeks or 12 months before `to`)' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  from?: string;

  @ApiPropertyOptional({ description: 'End, exclusive; a date means its whole day (default: now)' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  to?: string;

  @ApiPropertyOptional({ enum: ['day', 'week', 'month'], description: 'Period of the series (default day)' })
  @IsOptional()
  @IsString()
  @Length(1, 10)
  granularity?: string;
}
