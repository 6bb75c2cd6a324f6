import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PEM_MAX } from './key-owner.dto';

export class UploadCertificateDto {
  @ApiProperty({ description: 'The signing certificate the CA issued for the CSR (PEM); the chain may follow it' })
  @IsString()
  @Length(1, PEM_MAX)
  certificatePem!: string;

  @ApiPropertyOptional({ description: 'The intermediate CA certificates up to a registered trust anchor (PEM)' })
  @IsOptional()
  @IsString()
  @Length(1, PEM_MAX)
  chainPem?: string;
}
