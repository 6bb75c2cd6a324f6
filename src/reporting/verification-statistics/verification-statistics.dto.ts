import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class VerificationStatisticsQuery {
  @ApiPropertyOptional({ description: 'From (inclusive); default 30 days ago', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'To (exclusive); default now', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'The issuing authority (operator only; an issuer sees its own)', example: 'KH-MOC' })
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z0-9][A-Z0-9-]{0,31}$/, { message: 'authority must be an authority code such as KH-MOC' })
  authority?: string;
}

export class ReasonCountView {
  @ApiProperty({ example: 'CANCELLED' }) reason!: string;
  @ApiProperty({ example: 3 }) count!: number;
}

export class VerificationStatisticsView {
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ example: 42 }) total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { VALID: 40, INVALID: 1, UNKNOWN: 1 } }) byVerdict!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { REFERENCE: 30, DOCUMENT: 2, TOKEN: 10 } }) byMethod!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { FULL: 32, PUBLIC: 10 } }) byScope!: Record<string, number>;
  @ApiProperty({ type: ReasonCountView, isArray: true, description: 'The most frequent reasons behind verdicts other than VALID' }) topReasons!: ReasonCountView[];
}
