import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { MatchStatus } from '../domain/match-status';

// Query strings arrive as strings and stay strings: nothing is converted implicitly.
export class ListDeclarationsQuery {
  @ApiPropertyOptional({ enum: MatchStatus }) @IsOptional() @IsEnum(MatchStatus) status?: MatchStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 35) declarationNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 35) ucr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 35) certificateNumber?: string;
  @ApiPropertyOptional({ description: 'Recorded at or after (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) recordedFrom?: string;
  @ApiPropertyOptional({ description: 'Recorded before (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) recordedTo?: string;
  @ApiPropertyOptional({ description: 'Page size, 1 to 200 (default 50)' }) @IsOptional() @Matches(/^(200|1\d\d|[1-9]\d?)$/, { message: 'limit must be a whole number from 1 to 200' }) limit?: string;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @Length(1, 200) cursor?: string;
}
