import { ApiProperty } from '../../core/http/deferred-api-property';
import { IsDefined, IsString, Length } from 'class-validator';

/** The issuing authority's certification box (the officer who checked and certified the declaration). */
export class CertificationDto {
  @ApiProperty({ description: 'Place of certification (UN/LOCODE or place name)', example: 'THBKK', maxLength: 70 })
  @IsDefined()
  @IsString()
  @Length(1, 70)
  place!: string;

  @ApiProperty({ description: 'Name of the certifying officer', example: 'Kanya Srisuk', maxLength: 140 })
  @IsDefined()
  @IsString()
  @Length(1, 140)
  officerName!: string;
}
