import { ApiProperty, ApiPropertyOptional } from '../../core/http/deferred-api-property';
import { IsDefined, IsOptional, IsString, Length } from 'class-validator';
import { IsTransportModeCode, IsUnLocode } from '../validators/code-list.validators';
import { IsIsoDate } from '../validators/format.validators';

export class TransportDto {
  @ApiProperty({ description: 'Date of shipment (departure), YYYY-MM-DD', example: '2026-05-12', format: 'date' })
  @IsDefined()
  @IsIsoDate()
  departureDate!: string;

  @ApiProperty({ description: 'Mode of transport, UNECE Recommendation 19 (1 sea, 3 road, 4 air, ...)', example: '3' })
  @IsDefined()
  @IsTransportModeCode()
  modeCode!: string;

  @ApiPropertyOptional({ description: 'Vessel name, flight number or vehicle registration', example: '70-1234 CHANTHABURI', maxLength: 70 })
  @IsOptional()
  @IsString()
  @Length(1, 70)
  meansName?: string;

  @ApiPropertyOptional({ description: 'Port or place of loading, UN/LOCODE', example: 'THCTB' })
  @IsOptional()
  @IsUnLocode()
  loadingPort?: string;

  @ApiPropertyOptional({ description: 'Port or place of discharge, UN/LOCODE', example: 'CNPXG' })
  @IsOptional()
  @IsUnLocode()
  dischargePort?: string;
}
