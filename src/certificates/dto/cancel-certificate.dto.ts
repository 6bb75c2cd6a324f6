import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class CancelCertificateDto {
  @ApiProperty({ example: 'Issued in error: wrong consignee', description: 'Why the certificate is cancelled' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export class DuplicateCertificateDto {
  @ApiPropertyOptional({ example: 'Original lost in transit', description: 'Why a certified true copy is issued' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  reason?: string;
}
