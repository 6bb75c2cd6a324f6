import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class LimitQuery {
  @ApiPropertyOptional({ description: 'Page size, 1 to 200 (default 50); newest first' })
  @IsOptional()
  @Matches(/^(200|1\d\d|[1-9]\d?)$/, { message: 'limit must be a whole number from 1 to 200' })
  limit?: string;
}
