import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class CheckpointsQuery {
  @ApiPropertyOptional({ description: 'The first sequence number wanted: checkpoints covering up to it or beyond (default 0, from the start)' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'from must be a whole number from 0 to 999999999999999999' })
  from?: string;

  @ApiPropertyOptional({ description: 'Page size, 1 to 1000 (default 100)' })
  @IsOptional()
  @Matches(/^(1000|[1-9]\d{0,2})$/, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;
}
