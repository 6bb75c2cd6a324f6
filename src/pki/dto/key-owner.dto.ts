import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';

export const AUTHORITY_CODE = /^[A-Z]{2}-[A-Z0-9][A-Z0-9-]{0,31}$/;
// PEM text of a few certificates; a generous bound that still keeps a body small.
export const PEM_MAX = 64 * 1024;

/** Whose key or trust anchor: an authority, or the hub node itself (exactly one). */
export class KeyOwnerDto {
  @ApiPropertyOptional({ example: 'KH-MOC', description: 'The authority it belongs to (give either authority or node: true)' })
  @IsOptional()
  @IsString()
  @Matches(AUTHORITY_CODE, { message: 'authority must be an authority code such as KH-MOC' })
  authority?: string;

  @ApiPropertyOptional({ example: true, description: 'The hub node itself, which signs exchange envelopes' })
  @IsOptional()
  @IsBoolean()
  node?: boolean;
}
