import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, Matches } from 'class-validator';

export enum InboxItemKind {
  VERIFICATION_CASE = 'VERIFICATION_CASE',
  CUSTOMS_RESPONSE = 'CUSTOMS_RESPONSE',
}

export class InboxQuery {
  @ApiPropertyOptional({ enum: InboxItemKind }) @IsOptional() @IsEnum(InboxItemKind) kind?: InboxItemKind;
  @ApiPropertyOptional({ description: 'Page size, 1 to 200 (default 50)' }) @IsOptional() @Matches(/^(200|1\d\d|[1-9]\d?)$/, { message: 'limit must be a whole number from 1 to 200' }) limit?: string;
  @ApiPropertyOptional({ description: 'The nextOffset of the previous page' }) @IsOptional() @Matches(/^(0|[1-9]\d{0,6})$/, { message: 'offset must be a whole number from 0 to 9999999' }) offset?: string;
}
