import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { CaseStatus } from '../domain/case-status';
import { CaseSide } from '../domain/parties';

// Query strings arrive as strings and stay strings: nothing is converted implicitly.
export class ListCasesQuery {
  @ApiPropertyOptional({ enum: CaseStatus }) @IsOptional() @IsEnum(CaseStatus) status?: CaseStatus;
  @ApiPropertyOptional({ enum: CaseSide, description: 'Only the cases the caller asked (REQUESTER) or must answer (ISSUER)' }) @IsOptional() @IsEnum(CaseSide) side?: CaseSide;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') certificateId?: string;
  @ApiPropertyOptional({ description: 'Page size, 1 to 200 (default 50)' }) @IsOptional() @Matches(/^(200|1\d\d|[1-9]\d?)$/, { message: 'limit must be a whole number from 1 to 200' }) limit?: string;
  @ApiPropertyOptional({ description: 'The nextOffset of the previous page' }) @IsOptional() @Matches(/^(0|[1-9]\d{0,6})$/, { message: 'offset must be a whole number from 0 to 9999999' }) offset?: string;
}
