import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { ApplicationStatus } from '../domain/application-status';

export class ListApplicationsQuery {
  @ApiPropertyOptional({ enum: ApplicationStatus, enumName: 'ApplicationStatus' }) @IsOptional() @IsEnum(ApplicationStatus) status?: ApplicationStatus;
  @ApiPropertyOptional({ description: 'At most this many, 1 to 200 (default 50)' })
  @IsOptional()
  @Matches(/^(200|1\d\d|[1-9]\d?)$/, { message: 'limit must be a whole number from 1 to 200' })
  limit?: string;
}
