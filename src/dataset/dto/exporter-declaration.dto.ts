import { ApiProperty } from '../../core/http/deferred-api-property';
import { IsDefined, IsString, Length } from 'class-validator';
import { IsIsoDate } from '../validators/format.validators';

export class ExporterDeclarationDto {
  @ApiProperty({
    description: 'Declaration text signed by the exporter',
    example: 'The undersigned hereby declares that the above details and statement are correct ...',
    maxLength: 2000,
  })
  @IsDefined()
  @IsString()
  @Length(1, 2000)
  statement!: string;

  @ApiProperty({ description: 'Place of the declaration (UN/LOCODE or place name)', example: 'THBKK', maxLength: 70 })
  @IsDefined()
  @IsString()
  @Length(1, 70)
  place!: string;

  @ApiProperty({ description: 'Date of the declaration, YYYY-MM-DD', example: '2026-05-11', format: 'date' })
  @IsDefined()
  @IsIsoDate()
  date!: string;

  @ApiProperty({ description: 'Name of the authorised signatory', example: 'Somchai Rattanakul', maxLength: 140 })
  @IsDefined()
  @IsString()
  @Length(1, 140)
  signatoryName!: string;
}
