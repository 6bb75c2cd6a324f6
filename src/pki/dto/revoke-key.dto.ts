import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class RevokeKeyDto {
  @ApiProperty({ example: 'key compromise', description: 'Why the key is revoked' })
  @IsString()
  @Length(3, 500)
  reason!: string;

  @ApiPropertyOptional({
    example: '2026-03-01T08:00:00Z',
    description: 'When the key stopped being trustworthy, if earlier than now (e.g. the time of a compromise): what it signed from then on fails verification',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  revokedAt?: string;
}
